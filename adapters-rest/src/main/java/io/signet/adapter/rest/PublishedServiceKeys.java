package io.signet.adapter.rest;

import io.signet.application.ListServiceKeys;
import io.signet.domain.service.ServiceKey;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The service keys the public routes show ({@link PublicKeyController}), read from the database at
 * most once a second per instance: they are unauthenticated. A rotation shows within that second,
 * and at once on the instance that rotated ({@link #forget}).
 */
@Singleton
final class PublishedServiceKeys {
  private static final Duration FRESHNESS = Duration.ofSeconds(1);
  private final ListServiceKeys list;
  private final Clock clock;
  private Snapshot snapshot = new Snapshot(Instant.MIN, List.of());

  PublishedServiceKeys(ListServiceKeys list, Clock clock) {
    this.list = list;
    this.clock = clock;
  }

  synchronized List<ServiceKey> all() {
    Instant now = clock.instant();
    if (snapshot.at().plus(FRESHNESS).isBefore(now)) snapshot = new Snapshot(now, list.all());
    return snapshot.keys();
  }

  /** The next read goes to the database: after a rotation on this instance. */
  synchronized void forget() {
    snapshot = new Snapshot(Instant.MIN, List.of());
  }

  private record Snapshot(Instant at, List<ServiceKey> keys) {}
}
