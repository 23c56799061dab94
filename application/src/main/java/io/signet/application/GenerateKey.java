package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;

/**
 * Generates the next version of a tenant's key as active (version 1 for a new key). Refused with
 * Conflict while an active version exists: that is what {@link RotateKey} is for.
 */
public final class GenerateKey {
  private final KeyVersions versions;
  private final VersionMinting minting;
  private final Clock clock;

  GenerateKey(KeyVersions versions, VersionMinting minting, Clock clock) {
    this.versions = versions;
    this.minting = minting;
    this.clock = clock;
  }

  public KeyVersion generate(TenantId tenant, Algorithm algorithm, Invocation invocation) {
    versions
        .active(tenant, algorithm)
        .ifPresent(
            active -> {
              throw new SignetException.Conflict(
                  algorithm.wireName()
                      + " version "
                      + active.name().version()
                      + " is active; rotate the key instead");
            });
    return minting.mint(tenant, algorithm, null, invocation, clock.instant()).active();
  }
}
