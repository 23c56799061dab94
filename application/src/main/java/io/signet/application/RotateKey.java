package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;

/**
 * Rotates a key: atomically, a new version becomes active and the previous active version retires.
 * Of concurrent rotations of one key exactly one wins each version number; the others get Conflict
 * and may retry (the key has just been rotated by the winner).
 */
public final class RotateKey {
  private final KeyVersions versions;
  private final VersionMinting minting;
  private final Clock clock;

  RotateKey(KeyVersions versions, VersionMinting minting, Clock clock) {
    this.versions = versions;
    this.minting = minting;
    this.clock = clock;
  }

  /** Rotates whatever version of the key is active now. */
  public Rotated rotate(TenantId tenant, Algorithm algorithm, Invocation invocation) {
    KeyVersion active =
        versions
            .active(tenant, algorithm)
            .orElseThrow(
                () ->
                    new SignetException.NotFound(
                        "no active " + algorithm.wireName() + " version to rotate; generate one"));
    return rotateFrom(active, invocation);
  }

  /**
   * Rotates away from {@code current} only if it is still the active version: Conflict when someone
   * rotated it meanwhile. For callers that decided on an earlier read (the scheduler).
   */
  public Rotated rotateVersion(KeyName current, Invocation invocation) {
    KeyVersion active =
        versions
            .find(current)
            .filter(v -> v.status() == KeyStatus.ACTIVE)
            .orElseThrow(
                () ->
                    new SignetException.Conflict(
                        "version " + current.version() + " is no longer active"));
    return rotateFrom(active, invocation);
  }

  private Rotated rotateFrom(KeyVersion active, Invocation invocation) {
    KeyName name = active.name();
    KeyVersion.Activation activation =
        minting.mint(name.tenant(), name.algorithm(), active, invocation, clock.instant());
    return new Rotated(activation.active(), activation.retired());
  }

  /** The new active version and the one it retired. */
  public record Rotated(KeyVersion active, KeyVersion retired) {}
}
