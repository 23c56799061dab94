package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.signet.application.StartupFailure;
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
    @Bindable(defaultValue = "15s") Duration expiry) {
  InstanceSettings {
    if (!heartbeat.isPositive()) {
      throw new StartupFailure(
          "signet.instances.heartbeat (SIGNET_INSTANCES_HEARTBEAT) must be positive: " + heartbeat);
    }
    // An expiry within one heartbeat would drop live instances between two of their beats: the
    // others would count fewer instances than there are and each take a larger share of the load.
    if (expiry.compareTo(heartbeat.multipliedBy(2)) < 0) {
      throw new StartupFailure(
          "signet.instances.expiry (SIGNET_INSTANCES_EXPIRY) must be at least two heartbeats ("
              + heartbeat.multipliedBy(2)
              + "): "
              + expiry);
    }
  }
}
