package io.signet.adapter.rest;

import io.signet.application.ListServiceKeys;
import io.signet.domain.SignetException;
import io.signet.domain.service.ServiceKey;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service keys the public routes show ({@link PublicKeyController}), read from the database at
 * most once a second per instance, by one caller at a time: they are unauthenticated. A rotation
 * shows within that second, and at once on the instance that rotated ({@link #forget}).
 *
 * <p>Public keys only change by a rotation, which needs the database: so once the keys are known, a
 * caller never waits for the database. While one caller rereads them, the others get the keys last
 * read; when the database does not answer, the keys last read are served until it does (a
 * verifier's JWKS fetch keeps working through a database outage). Only the very first read, or the
 * first after {@link #forget}, is waited for, and fails with the database.
 */
@Singleton
final class PublishedServiceKeys {
  private static final Logger LOG = LoggerFactory.getLogger(PublishedServiceKeys.class);
  private static final Duration FRESHNESS = Duration.ofSeconds(1);
  private static final Snapshot NONE = new Snapshot(Instant.MIN, null);
  private final ListServiceKeys list;
  private final Clock clock;
  private final ReentrantLock reading = new ReentrantLock();
  private volatile Snapshot snapshot = NONE;

  PublishedServiceKeys(ListServiceKeys list, Clock clock) {
    this.list = list;
    this.clock = clock;
  }

  List<ServiceKey> all() {
    Snapshot known = snapshot;
    if (known.freshAt(clock.instant())) return known.keys();
    if (known.keys() == null) {
      reading.lock();
    } else if (!reading.tryLock()) {
      return known.keys(); // another caller is reading them
    }
    try {
      known = snapshot;
      Instant now = clock.instant();
      if (known.freshAt(now)) return known.keys();
      try {
        snapshot = new Snapshot(now, list.all());
      } catch (SignetException.Unavailable e) {
        if (known.keys() == null) throw e;
        LOG.warn(
            "service keys served as last read: the database did not answer ({})", e.getMessage());
        snapshot = new Snapshot(clock.instant(), known.keys());
      }
      return snapshot.keys();
    } finally {
      reading.unlock();
    }
  }

  /**
   * The next read goes to the database: after a rotation on this instance. Waits for a read in
   * progress, which may have begun before the rotation committed.
   */
  void forget() {
    reading.lock();
    try {
      snapshot = NONE;
    } finally {
      reading.unlock();
    }
  }

  private record Snapshot(Instant at, List<ServiceKey> keys) {
    boolean freshAt(Instant now) {
      return keys != null && !at.plus(FRESHNESS).isBefore(now);
    }
  }
}
