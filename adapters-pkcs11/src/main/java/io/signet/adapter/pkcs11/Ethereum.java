package io.signet.adapter.pkcs11;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.asn1.x9.X9IntegerConverter;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Ethereum's conventions for secp256k1 signatures: Keccak-256, the EIP-191 personal_sign hash, the
 * recovery id v (27 or 28), public key recovery (SEC 1 §4.1.6) and EIP-55 addresses.
 */
final class Ethereum {
  private static final HexFormat HEX = HexFormat.of();

  private Ethereum() {}

  static byte[] keccak256(byte[] input) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(input, 0, input.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /**
   * keccak256("\x19Ethereum Signed Message:\n" ‖ len(message) ‖ message) (EIP-191 version 0x45).
   */
  static byte[] personalSignHash(byte[] message) {
    byte[] prefix =
        ("\u0019Ethereum Signed Message:\n" + message.length).getBytes(StandardCharsets.US_ASCII);
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(prefix, 0, prefix.length);
    digest.update(message, 0, message.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /**
   * The public key that (r, s) over {@code hash} recovers to with recovery id {@code recId} (0 or
   * 1), or null when there is none.
   */
  static ECPoint recover(
      ECDomainParameters curve, BigInteger r, BigInteger s, byte[] hash, int recId) {
    BigInteger n = curve.getN();
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
      return null;
    }
    X9IntegerConverter converter = new X9IntegerConverter();
    byte[] compressed = converter.integerToBytes(r, 1 + converter.getByteLength(curve.getCurve()));
    compressed[0] = (byte) (recId == 0 ? 0x02 : 0x03);
    ECPoint point;
    try {
      point = curve.getCurve().decodePoint(compressed);
    } catch (IllegalArgumentException notOnCurve) {
      return null;
    }
    BigInteger e = new BigInteger(1, hash);
    BigInteger rInverse = r.modInverse(n);
    BigInteger u1 = e.negate().mod(n).multiply(rInverse).mod(n);
    BigInteger u2 = s.multiply(rInverse).mod(n);
    ECPoint q = ECAlgorithms.sumOfTwoMultiplies(curve.getG(), u1, point, u2).normalize();
    return q.isInfinity() ? null : q;
  }

  /**
   * r‖s‖v: the 64-byte r‖s followed by v = 27 + the recovery id with which (r, s) over {@code hash}
   * recovers {@code expected}.
   *
   * @throws IllegalStateException when neither recovery id recovers it (not this key's signature)
   */
  static byte[] withRecoveryByte(
      ECDomainParameters curve, ECPoint expected, BigInteger r, BigInteger s, byte[] hash) {
    for (int recId = 0; recId <= 1; recId++) {
      ECPoint recovered = recover(curve, r, s, hash, recId);
      if (recovered != null && recovered.equals(expected.normalize())) {
        byte[] out = Arrays.copyOf(PlainDSAEncoding.INSTANCE.encode(curve.getN(), r, s), 65);
        out[64] = (byte) (27 + recId);
        return out;
      }
    }
    throw new IllegalStateException("the token's signature recovers to no key: not our key");
  }

  /** The EIP-55 checksummed address of an uncompressed public point. */
  static String address(ECPoint publicPoint) {
    byte[] uncompressed = publicPoint.normalize().getEncoded(false);
    byte[] hash = keccak256(Arrays.copyOfRange(uncompressed, 1, uncompressed.length));
    String lower = HEX.formatHex(Arrays.copyOfRange(hash, 12, 32));
    byte[] checksum = keccak256(lower.getBytes(StandardCharsets.US_ASCII));
    StringBuilder address = new StringBuilder("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (checksum[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
      address.append(nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return address.toString();
  }
}
