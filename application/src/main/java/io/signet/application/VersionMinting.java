package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import java.time.Instant;

/**
 * Makes a new active key version, shared by {@link GenerateKey} and {@link RotateKey}: claim the
 * version number (one winner), generate the key in custody with no transaction open, then store it
 * (retiring the previous one) and audit it in one transaction. A definite failure after generation
 * (the store refused) destroys what was generated; an ambiguous one (the database became
 * unreachable, perhaps during COMMIT) and a crash leave the claim and the HSM objects, which {@link
 * ReconcileKeyCustody} removes only if no version was stored.
 */
final class VersionMinting {
  private final KeyVersions versions;
  private final KeyCustody custody;
  private final AuditLog audit;
  private final Transactions transactions;

  VersionMinting(
      KeyVersions versions, KeyCustody custody, AuditLog audit, Transactions transactions) {
    this.versions = versions;
    this.custody = custody;
    this.audit = audit;
    this.transactions = transactions;
  }

  KeyVersion mint(
      KeyName name, KeyVersion retiring, AuditAction action, Invocation invocation, Instant now) {
    versions.claim(name, now);
    KeyCustody.GeneratedKey generated;
    try {
      generated = custody.generate(name);
    } catch (RuntimeException e) {
      versions.release(name);
      throw e;
    }
    KeyVersion created =
        KeyVersion.activated(
            name, generated.publicKey(), generated.protection(), generated.sealedPrivateKey(), now);
    try {
      transactions.run(
          () -> {
            versions.activate(created, retiring == null ? null : retiring.retire(now));
            audit.append(AuditEvent.of(invocation, action, name.toString(), name.tenant(), now));
          });
    } catch (SignetException.Unavailable e) {
      // The connection may have died during COMMIT: the version may be stored. Leave the key and
      // the claim; two-phase reconciliation decides once the claim is stale.
      throw e;
    } catch (RuntimeException e) {
      abandon(name, e);
      throw e;
    }
    return created;
  }

  private void abandon(KeyName name, RuntimeException cause) {
    try {
      custody.destroy(name);
      versions.release(name);
    } catch (RuntimeException cleanup) {
      cause.addSuppressed(cleanup);
    }
  }
}
