package io.signet.application;

import io.signet.application.port.ServiceKeys;
import io.signet.domain.SignetException;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.Invocation;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;

/**
 * Rotates a service key: a new version becomes current and the old one stays, as previous, for
 * verifying what it signed. Audited. Of concurrent rotations one wins; the others get Conflict.
 */
public final class RotateServiceKey {
  private final ServiceKeys keys;
  private final ServiceKeyMinting minting;

  RotateServiceKey(ServiceKeys keys, ServiceKeyMinting minting) {
    this.keys = keys;
    this.minting = minting;
  }

  /** Rotates the purpose's key of {@code algorithm} (null: the purpose's first algorithm). */
  public ServiceKey rotate(
      ServiceKeyPurpose purpose, ServiceAlgorithm algorithm, Invocation invocation) {
    ServiceAlgorithm chosen =
        purpose.require(algorithm == null ? purpose.algorithms().getFirst() : algorithm);
    if (keys.current(purpose, chosen).isEmpty()) {
      throw new SignetException.NotFound(
          "no current " + purpose.wireName() + " " + chosen.wireName() + " key");
    }
    ServiceKeyName next =
        minting
            .claim(new ServiceKeyName(purpose, chosen, keys.latestVersion(purpose, chosen) + 1))
            .orElseThrow(
                () ->
                    new SignetException.Conflict(
                        "a rotation of "
                            + purpose.wireName()
                            + " "
                            + chosen.wireName()
                            + " is in progress"));
    return minting.mint(next, AuditAction.SERVICE_KEY_ROTATED, invocation);
  }
}
