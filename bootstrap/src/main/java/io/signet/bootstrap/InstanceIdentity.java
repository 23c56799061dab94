package io.signet.bootstrap;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.UUID;

/** This process: a random instance id, new at every start, and when it started. */
@Singleton
final class InstanceIdentity {
  private final UUID id = UUID.randomUUID();
  private final Instant started = Instant.now();

  UUID id() {
    return id;
  }

  Instant started() {
    return started;
  }
}
