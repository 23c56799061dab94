package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The service keys' creation across instances.
 *
 * @param claimGrace age after which a pending service-key claim is treated as abandoned (its
 *     instance died while generating) and taken over
 * @param startupWait how long a starting instance waits for another one to finish creating a
 *     service key before it gives up starting
 */
@ConfigurationProperties("signet.service-keys")
record ServiceKeySettings(
    @Bindable(defaultValue = "2m") Duration claimGrace,
    @Bindable(defaultValue = "60s") Duration startupWait) {}
