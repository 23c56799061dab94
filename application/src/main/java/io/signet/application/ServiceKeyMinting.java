package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.ServiceKeyCustody;
import io.signet.application.port.ServiceKeys;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The one way a service key version comes into being, shared by first start and rotation: claim the
 * version in the database (or take over a claim whose holder died: older than {@code claimGrace}),
 * generate it in the HSM with no transaction open, then, in one transaction, make it current (the
 * previous current becomes previous) and audit it.
 */
final class ServiceKeyMinting {
  private final ServiceKeys keys;
  private final ServiceKeyCustody custody;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;
  private final String instanceId;
  private final Duration claimGrace;

  /**
   * @param instanceId this instance, the holder of the claims it makes
   * @param claimGrace age after which another instance's pending claim is taken over
   */
  ServiceKeyMinting(
      ServiceKeys keys,
      ServiceKeyCustody custody,
      AuditLog audit,
      Transactions transactions,
      Clock clock,
      String instanceId,
      Duration claimGrace) {
    this.keys = keys;
    this.custody = custody;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
    this.instanceId = instanceId;
    this.claimGrace = claimGrace;
  }

  /**
   * Claims {@code name} for this instance or, when another instance holds a claim of its purpose
   * and algorithm, takes that claim over if it is older than the grace: the name this instance now
   * holds, or empty while another instance's claim is live.
   */
  Optional<ServiceKeyName> claim(ServiceKeyName name) {
    Instant now = clock.instant();
    if (keys.claim(name, instanceId, now)) return Optional.of(name);
    return keys.pending(name.purpose(), name.algorithm())
        .filter(c -> keys.takeOver(c.name(), instanceId, now.minus(claimGrace), now))
        .map(ServiceKeys.Claim::name);
  }

  /** Generates and stores {@code name}, which this instance has {@linkplain #claim claimed}. */
  ServiceKey mint(ServiceKeyName name, AuditAction action, Invocation invocation) {
    ServiceKeyCustody.Generated generated = custody.generate(name);
    ServiceKey key =
        new ServiceKey(
            name,
            ServiceKey.Status.CURRENT,
            generated.publicKey(),
            generated.address(),
            generated.protection(),
            generated.sealedPrivateKey(),
            clock.instant());
    boolean stored =
        transactions.inTransaction(
            () -> {
              if (!keys.complete(key, instanceId)) return false;
              audit.append(AuditEvent.of(invocation, action, name.kid(), null, key.createdAt()));
              return true;
            });
    if (!stored) {
      throw new SignetException.Conflict(
          "service key " + name.kid() + " was taken over by another instance");
    }
    return key;
  }
}
