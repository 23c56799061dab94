package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How many wallet-login requests per second this instance lets reach the database and the HSM, all
 * clients together ({@code signet.auth.rate-limit.per-second}, burst {@code …burst}). The
 * per-client limits under the same prefix are read by the REST adapter.
 */
@ConfigurationProperties("signet.auth.rate-limit")
record WalletLoginBudgetSettings(
    @Bindable(defaultValue = "200") long perSecond, @Bindable(defaultValue = "400") long burst) {}
