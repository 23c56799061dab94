package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.application.port.PublicKeyForms;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.util.List;

/**
 * Lists a tenant's key versions, archived ones included (their public keys stay for audit), each
 * with the other standard forms of its public key (JWK, Ethereum address).
 */
public final class ListKeys {
  private final KeyVersions versions;
  private final PublicKeyForms forms;

  public ListKeys(KeyVersions versions, PublicKeyForms forms) {
    this.versions = versions;
    this.forms = forms;
  }

  /** {@code algorithm} and {@code status} filter when not null. */
  public List<Listed> list(TenantId tenant, Algorithm algorithm, KeyStatus status) {
    return versions.list(tenant, algorithm, status).stream()
        .map(v -> new Listed(v, forms.of(v)))
        .toList();
  }

  /** A version and its public key's other forms. */
  public record Listed(KeyVersion version, KeyForms forms) {}
}
