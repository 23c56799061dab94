package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.application.port.SealedKeyUpgrade;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves every live version's sealed private key from the shared key-encryption key of earlier
 * Signet versions to a key-encryption key of its own (crypto-shredding on archive, DESIGN §8),
 * safely: the new blob is made and checked to open in the HSM first, then replaces the old one in
 * one compare-and-set (a concurrent change wins; the next run retries). Once no live version is
 * left under the shared key, the shared key is destroyed, which shreds the sealed keys of versions
 * archived before the upgrade too. Idempotent; safe on several instances at once.
 */
public final class ResealKeys {
  private final KeyVersions versions;
  private final SealedKeyUpgrade upgrade;

  public ResealKeys(KeyVersions versions, SealedKeyUpgrade upgrade) {
    this.versions = versions;
    this.upgrade = upgrade;
  }

  public Report reseal() {
    List<KeyName> resealed = new ArrayList<>();
    int pending = 0;
    for (KeyVersion version : versions.sealedVersions()) {
      Bytes stored = version.sealedPrivateKey();
      if (!upgrade.needsReseal(stored)) continue;
      Bytes fresh = upgrade.reseal(version.name(), stored);
      if (versions.replaceSealedKey(version.name(), stored, fresh)) {
        resealed.add(version.name());
      } else {
        pending++;
      }
    }
    boolean sharedKeyRetired =
        pending == 0
            && versions.sealedVersions().stream()
                .noneMatch(v -> upgrade.needsReseal(v.sealedPrivateKey()))
            && upgrade.retireSharedKey();
    return new Report(resealed, sharedKeyRetired);
  }

  /** The versions re-sealed by this run, and whether it destroyed the shared key. */
  public record Report(List<KeyName> resealed, boolean sharedKeyRetired) {}
}
