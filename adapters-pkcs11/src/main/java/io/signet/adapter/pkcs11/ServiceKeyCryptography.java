package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The encodings the receipt API shows (DESIGN §5.2), in one place: EIP-191 digests, low-S
 * normalisation, the Ethereum recovery byte, and the signing addresses. Public for the offline
 * verifier ({@code signet verify receipt}), which checks receipts with the same definitions.
 */
public final class ServiceKeyCryptography {
  public static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
  public static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

  private ServiceKeyCryptography() {}

  /** Keccak-256 of "\x19Ethereum Signed Message:\n" + decimal length + message (EIP-191). */
  public static byte[] eip191Digest(byte[] message) {
    byte[] prefix =
        ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.UTF_8);
    return keccak256(prefix, message);
  }

  /** r‖s with s replaced by n − s when s > n/2, so that the signature is canonical. */
  static byte[] lowS(byte[] rs, X9ECParameters curve) {
    BigInteger n = curve.getN();
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
    if (s.compareTo(n.shiftRight(1)) <= 0) return rs;
    byte[] out = rs.clone();
    System.arraycopy(fixed32(n.subtract(s)), 0, out, 32, 32);
    return out;
  }

  /**
   * r‖s‖v for a secp256k1 signature r‖s (low-S) of {@code digest} by {@code publicKeySpki}: v is 27
   * plus the recovery id, the one with which the public key is recovered from the signature.
   */
  static byte[] withRecoveryByte(byte[] rs, byte[] digest, byte[] publicKeySpki) {
    ECPoint expected = point(publicKeySpki, SECP256K1);
    for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
      if (recover(rs, digest, recoveryId).equals(expected)) {
        byte[] out = Arrays.copyOf(rs, 65);
        out[64] = (byte) (27 + recoveryId);
        return out;
      }
    }
    throw new IllegalStateException("the token's signature does not recover its public key");
  }

  /** The public key that makes r‖s a signature of {@code digest}, for one recovery id (0 or 1). */
  private static ECPoint recover(byte[] rs, byte[] digest, int recoveryId) {
    BigInteger n = SECP256K1.getN();
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
    if (r.signum() == 0 || s.signum() == 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
      throw new IllegalArgumentException("r or s out of range");
    }
    BigInteger e = new BigInteger(1, digest);
    BigInteger rInverse = r.modInverse(n);
    byte[] compressed = new byte[33];
    compressed[0] = (byte) (0x02 + recoveryId);
    System.arraycopy(fixed32(r), 0, compressed, 1, 32);
    ECPoint bigR = SECP256K1.getCurve().decodePoint(compressed);
    return ECAlgorithms.sumOfTwoMultiplies(
            SECP256K1.getG(),
            e.negate().mod(n).multiply(rInverse).mod(n),
            bigR,
            s.multiply(rInverse).mod(n))
        .normalize();
  }

  /** EIP-55 mixed-case checksummed address of a secp256k1 public key. */
  public static String ethereumAddress(byte[] publicKeySpki) {
    return ethereumAddress(point(publicKeySpki, SECP256K1));
  }

  /**
   * The EIP-55 address of the secp256k1 key that made the EIP-191 signature r‖s‖v of {@code
   * message}, or empty when none does (v not 27 or 28, r or s out of range).
   */
  public static java.util.Optional<String> recoverAddress(byte[] rsv, byte[] message) {
    if (rsv.length != 65 || (rsv[64] != 27 && rsv[64] != 28)) return java.util.Optional.empty();
    try {
      ECPoint q = recover(Arrays.copyOf(rsv, 64), eip191Digest(message), rsv[64] - 27);
      return java.util.Optional.of(ethereumAddress(q));
    } catch (IllegalArgumentException | ArithmeticException e) {
      return java.util.Optional.empty();
    }
  }

  private static String ethereumAddress(ECPoint point) {
    byte[] uncompressed = point.getEncoded(false);
    byte[] hash = keccak256(Arrays.copyOfRange(uncompressed, 1, 65));
    String lower = HexFormat.of().formatHex(hash, 12, 32);
    byte[] checksum = keccak256(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (checksum[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  /** {@code 0x} + the compressed SEC1 encoding (33 bytes) of a P-256 public key. */
  public static String compressedAddress(byte[] publicKeySpki) {
    return "0x" + HexFormat.of().formatHex(point(publicKeySpki, P256).getEncoded(true));
  }

  /** {@code 0x} + the first 20 bytes of SHA-256(SPKI DER). */
  public static String spkiAddress(byte[] publicKeySpki) {
    return "0x"
        + HexFormat.of()
            .formatHex(Bytes.sha256(publicKeySpki).toArray(), 0, 20)
            .toLowerCase(Locale.ROOT);
  }

  /** The P-256 public key (SPKI DER) whose compressed SEC1 encoding is {@code compressed}. */
  public static byte[] p256Spki(byte[] compressed) {
    ECPoint point = P256.getCurve().decodePoint(compressed).normalize();
    try {
      return new SubjectPublicKeyInfo(
              new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                  org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey,
                  org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1),
              point.getEncoded(false))
          .getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot encode a public key", e);
    }
  }

  /** Whether s of r‖s is at most n/2. */
  public static boolean isLowS(byte[] rs, X9ECParameters curve) {
    return new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)).compareTo(curve.getN().shiftRight(1))
        <= 0;
  }

  private static ECPoint point(byte[] publicKeySpki, X9ECParameters curve) {
    byte[] encoded = SubjectPublicKeyInfo.getInstance(publicKeySpki).getPublicKeyData().getBytes();
    return curve.getCurve().decodePoint(encoded).normalize();
  }

  private static byte[] keccak256(byte[]... parts) {
    KeccakDigest keccak = new KeccakDigest(256);
    for (byte[] data : parts) keccak.update(data, 0, data.length);
    byte[] out = new byte[32];
    keccak.doFinal(out, 0);
    return out;
  }

  private static byte[] fixed32(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
