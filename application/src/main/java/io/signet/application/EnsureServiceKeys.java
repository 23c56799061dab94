package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.ServiceKeyCustody;
import io.signet.application.port.ServiceKeys;
import io.signet.application.port.Transactions;
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
  private final String instanceId;
  private final Duration claimGrace;
  private final Duration waitAtMost;

  public EnsureServiceKeys(
      ServiceKeys keys,
      ServiceKeyCustody custody,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      String instanceId,
      Duration claimGrace,
      Duration waitAtMost) {
    this.keys = keys;
    this.minting = new ServiceKeyMinting(keys, custody, audit, transactions, clock);
    this.clock = clock;
    this.instanceId = instanceId;
    this.claimGrace = claimGrace;
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
      ServiceKeyName first = new ServiceKeyName(purpose, algorithm, 1);
      Instant now = clock.instant();
      if (keys.claim(first, instanceId, now)) {
        return minting.mint(first, instanceId, AuditAction.SERVICE_KEY_GENERATED, invocation);
      }
      Optional<ServiceKeys.Claim> pending = keys.pending(purpose, algorithm);
      if (pending.isPresent()
          && keys.takeOver(pending.get().name(), instanceId, now.minus(claimGrace), now)) {
        return minting.mint(
            pending.get().name(), instanceId, AuditAction.SERVICE_KEY_GENERATED, invocation);
      }
      if (now.isAfter(deadline)) {
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
