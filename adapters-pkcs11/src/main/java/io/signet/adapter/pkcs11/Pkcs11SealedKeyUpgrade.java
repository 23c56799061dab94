package io.signet.adapter.pkcs11;

import io.signet.application.port.SealedKeyUpgrade;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import jakarta.inject.Singleton;

/**
 * {@link SealedKeyUpgrade} on the PKCS#11 token: format-1 blobs (under the shared {@value
 * KeyEncryptionKeys#LEGACY_LABEL}) become format-2 blobs under the version's own key-encryption
 * key; retiring destroys {@value KeyEncryptionKeys#LEGACY_LABEL}.
 */
@Singleton
public final class Pkcs11SealedKeyUpgrade implements SealedKeyUpgrade {
  private final KeyEncryptionKeys keks;
  private final KeySealer sealer;

  Pkcs11SealedKeyUpgrade(KeyEncryptionKeys keks) {
    this.keks = keks;
    this.sealer = new KeySealer(keks);
  }

  @Override
  public boolean needsReseal(Bytes sealed) {
    return KeySealer.isLegacy(sealed);
  }

  @Override
  public Bytes reseal(KeyName name, Bytes sealed) {
    return sealer.reseal(name, sealed);
  }

  @Override
  public boolean retireSharedKey() {
    if (!keks.exists(KeyEncryptionKeys.LEGACY_LABEL)) return false;
    keks.destroy(KeyEncryptionKeys.LEGACY_LABEL);
    return true;
  }
}
