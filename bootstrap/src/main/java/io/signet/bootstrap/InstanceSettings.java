package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * The instances' heartbeat in PostgreSQL, from which each instance knows how many share the load.
 *
 * @param heartbeat time between two heartbeats of an instance
 * @param expiry an instance not heard from for this long no longer counts (three heartbeats)
 */
@ConfigurationProperties("signet.instances")
record InstanceSettings(
    @Bindable(defaultValue = "5s") Duration heartbeat,
    @Bindable(defaultValue = "15s") Duration expiry) {}
