package io.signet.application;

import io.signet.application.port.Instances;
import java.time.Duration;
import java.util.UUID;

/**
 * Keeps this instance's heartbeat and the number of live instances. The count is what {@link
 * ChargeRequest} divides the plans' budgets by; it starts at 1 and, when the registry cannot be
 * reached, stays at its last value (an outage of the database must not change rate limits).
 */
public final class TrackInstances {
  private final Instances instances;
  private final UUID self;
  private final Duration expiry;
  private volatile int live = 1;

  public TrackInstances(Instances instances, UUID self, Duration expiry) {
    if (expiry.isNegative() || expiry.isZero()) {
      throw new IllegalArgumentException("the heartbeat expiry must be positive");
    }
    this.instances = instances;
    this.self = self;
    this.expiry = expiry;
  }

  /** Beats once; returns the number of live instances now known. */
  public int beat() {
    live = Math.max(1, instances.beat(self, expiry));
    return live;
  }

  /** This instance is stopping: the others take over its share at their next beat. */
  public void leave() {
    instances.leave(self);
  }

  /** Live instances (this one included) as of the last successful beat. */
  public int live() {
    return live;
  }
}
