package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;

/**
 * Rotates a key: atomically, a new version becomes active and the previous active version retires.
 * Of concurrent rotations of one key exactly one wins each version number; the others get
 * Conflict and may retry (the key has just been rotated by the winner).
 */
public final class RotateKey {
  private final KeyVersions versions;
  private final VersionMinting minting;
  private final Clock clock;

  public RotateKey(
      KeyVersions versions,
      KeyCustody custody,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    this.versions = versions;
    this.minting = new VersionMinting(versions, custody, audit, transactions);
    this.clock = clock;
  }

  public Rotated rotate(TenantId tenant, Algorithm algorithm, Invocation invocation) {
    KeyVersion active =
        versions
            .active(tenant, algorithm)
            .orElseThrow(
                () ->
                    new SignetException.NotFound(
                        "no active " + algorithm.wireName() + " version to rotate; generate one"));
    KeyName next = new KeyName(tenant, algorithm, versions.latestVersion(tenant, algorithm) + 1);
    Instant now = clock.instant();
    KeyVersion created = minting.mint(next, active, AuditAction.KEY_ROTATED, invocation, now);
    return new Rotated(created, active.retire(now));
  }

  /** The new active version and the one it retired. */
  public record Rotated(KeyVersion active, KeyVersion retired) {}
}
