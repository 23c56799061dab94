package io.signet.application;

import io.signet.application.port.ServiceKeys;
import io.signet.domain.SignetException;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.Invocation;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure every purpose and algorithm has a current service key, at start-up. Exactly one is
 * created even when several instances start at once on a new token and database: each tries to
 * claim version 1 in the database; the one that wins generates it, the others wait for it to
 * appear. A claim whose holder died (older than {@code claimGrace}) is taken over.
 */
public final class EnsureServiceKeys {
  private static final Duration POLL = Duration.ofMillis(100);
  private final ServiceKeys keys;
  private final ServiceKeyMinting minting;
  private final Clock clock;
  private final Duration waitAtMost;

  /** {@code waitAtMost}: how long to wait for a key another instance is creating. */
  EnsureServiceKeys(ServiceKeys keys, ServiceKeyMinting minting, Clock clock, Duration waitAtMost) {
    this.keys = keys;
    this.minting = minting;
    this.clock = clock;
    this.waitAtMost = waitAtMost;
  }

  /** The current key of every purpose and algorithm, creating those that are missing. */
  public List<ServiceKey> ensure(Invocation invocation) {
    List<ServiceKey> current = new ArrayList<>();
    for (ServiceKeyPurpose purpose : ServiceKeyPurpose.values()) {
      for (ServiceAlgorithm algorithm : purpose.algorithms()) {
        current.add(ensure(purpose, algorithm, invocation));
      }
    }
    return current;
  }

  private ServiceKey ensure(
      ServiceKeyPurpose purpose, ServiceAlgorithm algorithm, Invocation invocation) {
    Instant deadline = clock.instant().plus(waitAtMost);
    while (true) {
      Optional<ServiceKey> existing = keys.current(purpose, algorithm);
      if (existing.isPresent()) return existing.get();
      Optional<ServiceKeyName> claimed = minting.claim(new ServiceKeyName(purpose, algorithm, 1));
      if (claimed.isPresent()) {
        return minting.mint(claimed.get(), AuditAction.SERVICE_KEY_GENERATED, invocation);
      }
      if (clock.instant().isAfter(deadline)) {
        throw new SignetException.Unavailable(
            "no current "
                + purpose.wireName()
                + " "
                + algorithm.wireName()
                + " service key appeared: another instance holds its claim",
            null);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SignetException.Unavailable("interrupted while waiting for a service key", e);
    }
  }
}
