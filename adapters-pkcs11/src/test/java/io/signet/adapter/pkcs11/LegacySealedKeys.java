package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Sealed keys as releases before per-version key-encryption keys made them (format 1, under the
 * shared {@value KeyEncryptionKeys#LEGACY_LABEL}, created if missing), to test the upgrade.
 */
final class LegacySealedKeys {
  private LegacySealedKeys() {}

  static Bytes seal(KeyEncryptionKeys keks, KeyName name, byte[] plaintext) {
    keks.ensure(KeyEncryptionKeys.LEGACY_LABEL);
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    byte[] body =
        keks.encrypt(
            KeyEncryptionKeys.LEGACY_LABEL,
            iv,
            ("signet-sealed-key:v1:" + HsmLabels.key(name)).getBytes(StandardCharsets.US_ASCII),
            plaintext);
    return Bytes.of(ByteBuffer.allocate(13 + body.length).put((byte) 1).put(iv).put(body).array());
  }
}
