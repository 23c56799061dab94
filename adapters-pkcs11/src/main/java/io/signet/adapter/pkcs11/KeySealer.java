package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Seals private key material that the token cannot hold natively: AES-256-GCM inside the HSM under
 * the key version's own non-extractable key-encryption key ({@link HsmLabels#kek}), with the
 * version's label as additional authenticated data, so a sealed blob opens only as the version it
 * was made for, and never again once that version's key-encryption key is destroyed (archive:
 * crypto-shredding, including every copy of the blob in backups).
 *
 * <p>Blob: {@code format ‖ 12-byte random IV ‖ ciphertext ‖ 16-byte tag}. Format 2 is sealed under
 * the version's own key; format 1 (before per-version keys) under the shared {@value
 * KeyEncryptionKeys#LEGACY_LABEL}, which {@link #reseal} moves away from.
 */
final class KeySealer {
  private static final byte LEGACY = 1;
  private static final byte PER_VERSION = 2;
  private static final int IV_BYTES = 12;
  private static final int TAG_BYTES = 16;

  private final KeyEncryptionKeys keks;
  private final SecureRandom random = new SecureRandom();

  KeySealer(KeyEncryptionKeys keks) {
    this.keks = keks;
  }

  /** Seals under the version's key-encryption key, which the caller has created. */
  Bytes seal(KeyName name, byte[] plaintext) {
    return seal(HsmLabels.kek(name), aad(PER_VERSION, HsmLabels.key(name)), plaintext);
  }

  /** The plaintext; the caller wipes it after use. */
  byte[] unseal(KeyName name, Bytes sealed) {
    byte[] blob = sealed.toArray();
    String kek =
        format(blob, name) == LEGACY ? KeyEncryptionKeys.LEGACY_LABEL : HsmLabels.kek(name);
    return open(kek, aad(blob[0], HsmLabels.key(name)), blob, name);
  }

  /**
   * Seals a service key's material under that key's own key-encryption key, labelled as the key
   * itself and created here if missing (only the instance that claimed the key generates it).
   */
  Bytes sealServiceKey(String label, byte[] plaintext) {
    keks.ensure(label);
    return seal(label, aad(PER_VERSION, label), plaintext);
  }

  /** The plaintext of a service key sealed by {@link #sealServiceKey}; the caller wipes it. */
  byte[] unsealServiceKey(String label, Bytes sealed) {
    byte[] blob = sealed.toArray();
    if (format(blob, label) != PER_VERSION) {
      throw new IllegalStateException("sealed service key " + label + " has an unknown format");
    }
    return open(label, aad(PER_VERSION, label), blob, label);
  }

  private Bytes seal(String kek, byte[] aad, byte[] plaintext) {
    byte[] iv = new byte[IV_BYTES];
    random.nextBytes(iv);
    byte[] sealed = keks.encrypt(kek, iv, aad, plaintext);
    return Bytes.of(
        ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
            .put(PER_VERSION)
            .put(iv)
            .put(sealed)
            .array());
  }

  private byte[] open(String kek, byte[] aad, byte[] blob, Object what) {
    try {
      return keks.decrypt(
          kek,
          Arrays.copyOfRange(blob, 1, 1 + IV_BYTES),
          aad,
          Arrays.copyOfRange(blob, 1 + IV_BYTES, blob.length));
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          "sealed key does not open as " + what + ": tampered or misplaced", e);
    }
  }

  private static byte format(byte[] blob, Object what) {
    if (blob.length < 1 + IV_BYTES + TAG_BYTES || (blob[0] != LEGACY && blob[0] != PER_VERSION)) {
      throw new IllegalStateException("sealed key of " + what + " has an unknown format");
    }
    return blob[0];
  }

  /** True when {@code sealed} is in the legacy format (under the shared key). */
  static boolean isLegacy(Bytes sealed) {
    return sealed.toArray()[0] == LEGACY;
  }

  /**
   * A blob sealed under the shared legacy key, sealed again under the version's own key (created if
   * missing) and checked to open to the same key.
   */
  Bytes reseal(KeyName name, Bytes sealed) {
    if (!isLegacy(sealed)) throw new IllegalArgumentException("not a legacy sealed key");
    byte[] plain = unseal(name, sealed);
    byte[] check = null;
    try {
      keks.ensure(HsmLabels.kek(name));
      Bytes fresh = seal(name, plain);
      check = unseal(name, fresh);
      if (!MessageDigest.isEqual(plain, check)) {
        throw new IllegalStateException("the re-sealed key of " + name + " does not open");
      }
      return fresh;
    } finally {
      Arrays.fill(plain, (byte) 0);
      if (check != null) Arrays.fill(check, (byte) 0);
    }
  }

  private static byte[] aad(byte format, String keyLabel) {
    return ("signet-sealed-key:v" + format + ":" + keyLabel).getBytes(StandardCharsets.US_ASCII);
  }
}
