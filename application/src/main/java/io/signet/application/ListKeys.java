package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.util.List;

/** Lists a tenant's key versions, archived ones included (their public keys stay for audit). */
public final class ListKeys {
  private final KeyVersions versions;

  public ListKeys(KeyVersions versions) {
    this.versions = versions;
  }

  /** {@code algorithm} and {@code status} filter when not null. */
  public List<KeyVersion> list(TenantId tenant, Algorithm algorithm, KeyStatus status) {
    return versions.list(tenant, algorithm, status);
  }
}
