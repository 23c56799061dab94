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

/**
 * The one way a claimed service key version comes into being: generate it in the HSM with no
 * transaction open, then, in one transaction, make it current (the previous current becomes
 * previous) and audit it. Shared by first start and rotation.
 */
final class ServiceKeyMinting {
  private final ServiceKeys keys;
  private final ServiceKeyCustody custody;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;

  ServiceKeyMinting(
      ServiceKeys keys,
      ServiceKeyCustody custody,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    this.keys = keys;
    this.custody = custody;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Generates and stores {@code name}, claimed by {@code claimant}. */
  ServiceKey mint(ServiceKeyName name, String claimant, AuditAction action, Invocation invocation) {
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
              if (!keys.complete(key, claimant)) return false;
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
