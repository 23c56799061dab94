package io.signet.domain.wallet;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * An Ethereum personal_sign signature, r‖s‖v (65 bytes): r and s in [1, n−1] of secp256k1, s in the
 * lower half (EIP-2: the high-S twin of a signature is refused, so a signature cannot be altered
 * into a second valid one), v ∈ {27, 28} or {0, 1}, kept as the recovery id 0 or 1.
 */
public record EthereumSignature(BigInteger r, BigInteger s, int recoveryId) {
  /** The order n of the secp256k1 group (SEC 2). */
  public static final BigInteger SECP256K1_ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);

  private static final BigInteger HALF_ORDER = SECP256K1_ORDER.shiftRight(1);

  public EthereumSignature {
    if (r.signum() <= 0 || r.compareTo(SECP256K1_ORDER) >= 0) {
      throw new SignetException.LoginRefused(
          Refusal.INVALID_SIGNATURE, "the signature's r is out of range");
    }
    if (s.signum() <= 0 || s.compareTo(SECP256K1_ORDER) >= 0) {
      throw new SignetException.LoginRefused(
          Refusal.INVALID_SIGNATURE, "the signature's s is out of range");
    }
    if (s.compareTo(HALF_ORDER) > 0) {
      throw new SignetException.LoginRefused(
          Refusal.INVALID_SIGNATURE, "the signature is high-S; only low-S signatures are accepted");
    }
    if (recoveryId != 0 && recoveryId != 1) {
      throw new SignetException.LoginRefused(
          Refusal.INVALID_SIGNATURE, "the signature's v must be 27, 28, 0 or 1");
    }
  }

  /** Reads r‖s‖v; a length other than 65 bytes is an invalid request. */
  public static EthereumSignature parse(Bytes rsv) {
    byte[] b = rsv.toArray();
    if (b.length != 65) {
      throw SignetException.InvalidRequest.field(
          "decoded_signature must be 65 bytes (r, s, v) in hex");
    }
    int v = b[64] & 0xff;
    int recoveryId = v >= 27 ? v - 27 : v;
    return new EthereumSignature(
        new BigInteger(1, Arrays.copyOfRange(b, 0, 32)),
        new BigInteger(1, Arrays.copyOfRange(b, 32, 64)),
        recoveryId < 0 || recoveryId > 1 ? -1 : recoveryId);
  }
}
