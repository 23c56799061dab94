package io.signet.application.fake;

import io.signet.application.port.Instances;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Instances} in memory, on a given clock. */
public final class InMemoryInstances implements Instances {
  private final Map<UUID, Instant> lastSeen = new ConcurrentHashMap<>();
  private final Clock clock;

  public InMemoryInstances(Clock clock) {
    this.clock = clock;
  }

  @Override
  public int beat(UUID instance, Duration expiry) {
    Instant now = clock.instant();
    lastSeen.put(instance, now);
    Instant since = now.minus(expiry);
    return (int) lastSeen.values().stream().filter(t -> t.isAfter(since)).count();
  }

  @Override
  public void leave(UUID instance) {
    lastSeen.remove(instance);
  }
}
