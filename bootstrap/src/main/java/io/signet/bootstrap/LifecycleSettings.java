package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The key lifecycle background work: how often it runs, and how long a version claim may stand
 * before reconciliation treats its generation as interrupted (a generation takes milliseconds; the
 * grace covers clock skew between instances and a slow HSM).
 *
 * @param enabled run reconciliation at start-up and the scheduler at all
 * @param interval time between runs of reconciliation and the tenants' policies
 * @param claimGrace age of a claim after which its generation is considered interrupted, and the
 *     least age of an orphan mark before a later pass may destroy the orphan
 * @param maxDestroyPerRun how many HSM objects one reconciliation pass destroys at most
 */
@ConfigurationProperties("signet.lifecycle")
record LifecycleSettings(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "60s") Duration interval,
    @Bindable(defaultValue = "2m") Duration claimGrace,
    @Bindable(defaultValue = "100") int maxDestroyPerRun) {}
