package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals private key material that the token cannot hold natively: AES-256-GCM inside the HSM under
 * a non-extractable key-encryption key, with the key version's label as additional authenticated
 * data, so a sealed blob opens only as the version it was made for.
 *
 * <p>Blob: {@code 0x01 ‖ 12-byte random IV ‖ ciphertext ‖ 16-byte tag}.
 */
final class KeySealer {
  static final String KEK_LABEL = "signet-kek-v1";
  private static final byte FORMAT = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final TokenSession session;
  private final SecretKey kek;
  private final SecureRandom random = new SecureRandom();

  KeySealer(TokenSession session, KeyEncryptionKeys keks) {
    this.session = session;
    this.kek = keks.aesKey(KEK_LABEL);
  }

  Bytes seal(KeyName name, byte[] plaintext) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", session.provider());
      cipher.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad(name));
      byte[] sealed = cipher.doFinal(plaintext);
      return Bytes.of(
          ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
              .put(FORMAT)
              .put(iv)
              .put(sealed)
              .array());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw Pkcs11Errors.translate("sealing", e);
    }
  }

  /** The plaintext; the caller wipes it after use. */
  byte[] unseal(KeyName name, Bytes sealed) {
    byte[] blob = sealed.toArray();
    if (blob.length < 1 + IV_BYTES + TAG_BITS / 8 || blob[0] != FORMAT) {
      throw new IllegalStateException("sealed key of " + name + " has an unknown format");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding", session.provider());
      cipher.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BITS, blob, 1, IV_BYTES));
      cipher.updateAAD(aad(name));
      return cipher.doFinal(blob, 1 + IV_BYTES, blob.length - 1 - IV_BYTES);
    } catch (AEADBadTagException e) {
      throw new IllegalStateException(
          "sealed key does not open as " + name + ": tampered or misplaced", e);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw Pkcs11Errors.translate("unsealing", e);
    }
  }

  private static byte[] aad(KeyName name) {
    return ("signet-sealed-key:v1:" + HsmLabels.key(name)).getBytes(StandardCharsets.US_ASCII);
  }
}
