package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;

/** The active version of a tenant's key, or NotFound. */
public final class GetActiveKey {
  private final KeyVersions versions;

  public GetActiveKey(KeyVersions versions) {
    this.versions = versions;
  }

  public KeyVersion get(TenantId tenant, Algorithm algorithm) {
    return versions
        .active(tenant, algorithm)
        .orElseThrow(
            () -> new SignetException.NotFound("no active " + algorithm.wireName() + " version"));
  }
}
