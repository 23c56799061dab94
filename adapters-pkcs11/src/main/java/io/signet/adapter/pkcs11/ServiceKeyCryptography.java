package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The encodings the receipt API shows (DESIGN §5.2), in one place: EIP-191 digests, low-S
 * normalisation, the Ethereum recovery byte, and the signing addresses. Public for the offline
 * verifier ({@code signet verify receipt}), which checks receipts with the same definitions.
 */
public final class ServiceKeyCryptography {
  public static final X9ECParameters SECP256K1 = CustomNamedCurves.getByName("secp256k1");
  public static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");

  private static final ECDomainParameters SECP256K1_DOMAIN = new ECDomainParameters(SECP256K1);

  private ServiceKeyCryptography() {}

  /** Keccak-256 of "\x19Ethereum Signed Message:\n" + decimal length + message (EIP-191). */
  public static byte[] eip191Digest(byte[] message) {
    return Ethereum.personalSignHash(message);
  }

  /** r‖s with s replaced by n − s when s > n/2, so that the signature is canonical. */
  static byte[] lowS(byte[] rs, X9ECParameters curve) {
    BigInteger n = curve.getN();
    BigInteger[] plain = PlainDSAEncoding.INSTANCE.decode(n, rs);
    return PlainDSAEncoding.INSTANCE.encode(n, plain[0], EcdsaScheme.lowS(plain[1], n));
  }

  /**
   * The EIP-191 signature r‖s‖v (low-S) for a secp256k1 signature r‖s of {@code digest} by {@code
   * publicKeySpki}: v is 27 plus the recovery id with which the public key is recovered.
   */
  static byte[] ethereumSignature(byte[] rs, byte[] digest, byte[] publicKeySpki) {
    BigInteger[] plain = PlainDSAEncoding.INSTANCE.decode(SECP256K1.getN(), rs);
    return Ethereum.withRecoveryByte(
        SECP256K1_DOMAIN,
        point(publicKeySpki, SECP256K1),
        plain[0],
        EcdsaScheme.lowS(plain[1], SECP256K1.getN()),
        digest);
  }

  /** EIP-55 mixed-case checksummed address of a secp256k1 public key. */
  public static String ethereumAddress(byte[] publicKeySpki) {
    return Ethereum.address(point(publicKeySpki, SECP256K1));
  }

  /**
   * The EIP-55 address of the secp256k1 key that made the EIP-191 signature r‖s‖v of {@code
   * message}, or empty when none does (v not 27 or 28, r or s out of range).
   */
  public static Optional<String> recoverAddress(byte[] rsv, byte[] message) {
    if (rsv.length != 65 || (rsv[64] != 27 && rsv[64] != 28)) return Optional.empty();
    ECPoint q =
        Ethereum.recover(
            SECP256K1_DOMAIN,
            new BigInteger(1, Arrays.copyOfRange(rsv, 0, 32)),
            new BigInteger(1, Arrays.copyOfRange(rsv, 32, 64)),
            eip191Digest(message),
            rsv[64] - 27);
    return Optional.ofNullable(q).map(Ethereum::address);
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
}
