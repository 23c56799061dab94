package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;

/**
 * Makes a new active key version, shared by {@link GenerateKey} and {@link RotateKey}: claim the
 * version number (one winner), generate the key in custody with no transaction open, then store it
 * (retiring the previous one) and audit it in one transaction. A definite failure after generation
 * (the store refused) destroys what was generated; an ambiguous one (the database became
 * unreachable, perhaps during COMMIT) and a crash leave the claim and the HSM objects, which {@link
 * ReconcileKeyCustody} removes only if no version was stored.
 *
 * <p>The tenant's {@link KeyQuota} is enforced by the claim, before anything is generated: a
 * refused creation leaves no claim, no custody object, no version and no audit event. The daily
 * limit holds the tenant's own creations only; the operator's and the key policies' are bounded by
 * the live versions alone. The claim holds the tenant's room until the version is stored in its
 * place (or released), so concurrent creations are counted against each other.
 */
final class VersionMinting {
  private final KeyVersions versions;
  private final KeyCustody custody;
  private final AuditLog audit;
  private final Transactions transactions;
  private final KeyQuota quota;

  VersionMinting(
      KeyVersions versions,
      KeyCustody custody,
      AuditLog audit,
      Transactions transactions,
      KeyQuota quota) {
    this.versions = versions;
    this.custody = custody;
    this.audit = audit;
    this.transactions = transactions;
    this.quota = quota;
  }

  /**
   * Mints the next version of a key as active; {@code replacing} (the active version, for a
   * rotation; null for a generation) retires in the same transaction.
   */
  KeyVersion.Activation mint(
      TenantId tenant,
      Algorithm algorithm,
      KeyVersion replacing,
      Invocation invocation,
      Instant now) {
    KeyName name = next(tenant, algorithm);
    versions.claimWithinQuota(
        name, now, invocation.actor().isTenant() ? quota : quota.withoutDailyLimit());
    KeyCustody.GeneratedKey generated;
    try {
      generated = custody.generate(name);
    } catch (RuntimeException e) {
      versions.release(name);
      throw e;
    }
    KeyVersion.Activation activation =
        KeyVersion.activate(
            name,
            generated.publicKey(),
            generated.protection(),
            generated.sealedPrivateKey(),
            replacing,
            invocation,
            now);
    try {
      transactions.run(
          () -> {
            versions.activate(activation.active(), activation.retired());
            audit.append(activation.event());
          });
    } catch (SignetException.Unavailable e) {
      // The connection may have died during COMMIT: the version may be stored. Leave the key and
      // the claim; two-phase reconciliation decides once the claim is stale.
      throw e;
    } catch (RuntimeException e) {
      abandon(name, e);
      throw e;
    }
    return activation;
  }

  /** The one place that numbers versions: one past the highest ever made or claimed. */
  private KeyName next(TenantId tenant, Algorithm algorithm) {
    return new KeyName(tenant, algorithm, versions.latestVersion(tenant, algorithm) + 1);
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
