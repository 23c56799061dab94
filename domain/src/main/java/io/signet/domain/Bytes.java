package io.signet.domain;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An immutable byte string: copies on the way in and out, compares by content, and prints only a
 * short hex prefix and its length. Used for public keys, hashes, signatures and sealed key blobs,
 * never for plaintext secrets.
 */
public final class Bytes {
  private final byte[] value;

  private Bytes(byte[] value) {
    this.value = value;
  }

  public static Bytes of(byte[] value) {
    if (value == null) throw new IllegalArgumentException("bytes must not be null");
    return new Bytes(value.clone());
  }

  /**
   * The SHA-256 of {@code data}: the one SHA-256 in Signet's own code (audit hashes of payloads,
   * the stored form of API key secrets, the admin token comparison). {@code data} may be a secret;
   * only its hash is kept.
   */
  public static Bytes sha256(byte[] data) {
    try {
      return new Bytes(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  public byte[] toArray() {
    return value.clone();
  }

  public int length() {
    return value.length;
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(value);
  }

  /** Compares in time that does not depend on where the contents differ. */
  public boolean constantTimeEquals(Bytes other) {
    return MessageDigest.isEqual(value, other.value);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && MessageDigest.isEqual(value, other.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    String hex = HexFormat.of().formatHex(value, 0, Math.min(8, value.length));
    return "Bytes[" + value.length + ":" + hex + (value.length > 8 ? "…" : "") + "]";
  }
}
