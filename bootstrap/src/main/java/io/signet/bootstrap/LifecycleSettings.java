package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How long a version claim may stand before reconciliation treats its generation as interrupted (a
 * generation takes milliseconds; the grace covers clock skew between instances and a slow HSM).
 * {@code signet.lifecycle.enabled} and {@code signet.lifecycle.interval} are read where they act,
 * by {@link LifecycleScheduler}'s annotations.
 *
 * @param claimGrace age of a claim after which its generation is considered interrupted, and the
 *     least age of an orphan mark before a later pass may destroy the orphan
 * @param maxDestroyPerRun how many HSM objects one reconciliation pass destroys at most
 */
@ConfigurationProperties("signet.lifecycle")
record LifecycleSettings(
    @Bindable(defaultValue = "2m") Duration claimGrace,
    @Bindable(defaultValue = "100") int maxDestroyPerRun) {}
