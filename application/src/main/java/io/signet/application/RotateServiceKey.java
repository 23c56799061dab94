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

/**
 * Rotates a service key: a new version becomes current and the old one stays, as previous, for
 * verifying what it signed. Audited. Of concurrent rotations one wins; the others get Conflict.
 */
public final class RotateServiceKey {
  private final ServiceKeys keys;
  private final ServiceKeyMinting minting;
  private final Clock clock;
  private final String instanceId;
  private final Duration claimGrace;

  public RotateServiceKey(
      ServiceKeys keys,
      ServiceKeyCustody custody,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      String instanceId,
      Duration claimGrace) {
    this.keys = keys;
    this.minting = new ServiceKeyMinting(keys, custody, audit, transactions, clock);
    this.clock = clock;
    this.instanceId = instanceId;
    this.claimGrace = claimGrace;
  }

  /** Rotates the purpose's key of {@code algorithm} (null: the purpose's first algorithm). */
  public ServiceKey rotate(
      ServiceKeyPurpose purpose, ServiceAlgorithm algorithm, Invocation invocation) {
    ServiceAlgorithm chosen =
        purpose.require(algorithm == null ? purpose.algorithms().getFirst() : algorithm);
    if (keys.current(purpose, chosen).isEmpty()) {
      throw new SignetException.NotFound(
          "no current " + purpose.wireName() + " " + chosen.wireName() + " key");
    }
    Instant now = clock.instant();
    ServiceKeyName next =
        new ServiceKeyName(purpose, chosen, keys.latestVersion(purpose, chosen) + 1);
    if (!keys.claim(next, instanceId, now)) {
      ServiceKeys.Claim pending =
          keys.pending(purpose, chosen)
              .filter(c -> keys.takeOver(c.name(), instanceId, now.minus(claimGrace), now))
              .orElseThrow(
                  () ->
                      new SignetException.Conflict(
                          "a rotation of "
                              + purpose.wireName()
                              + " "
                              + chosen.wireName()
                              + " is in progress"));
      next = pending.name();
    }
    return minting.mint(next, instanceId, AuditAction.SERVICE_KEY_ROTATED, invocation);
  }
}
