package io.signet.domain.wallet;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;

/**
 * A wallet's secp256k1 public key as SEC 1 encodes it: uncompressed ({@code 04}, 65 bytes) or
 * compressed ({@code 02}/{@code 03}, 33 bytes). Only the encoding is checked here; whether the
 * point is on the curve is checked where the curve is known.
 */
public record WalletPublicKey(Bytes encoded) {
  public WalletPublicKey {
    byte[] b = encoded.toArray();
    boolean uncompressed = b.length == 65 && b[0] == 0x04;
    boolean compressed = b.length == 33 && (b[0] == 0x02 || b[0] == 0x03);
    if (!uncompressed && !compressed) {
      throw SignetException.InvalidRequest.field(
          "pk must be a secp256k1 public key in hex: 65 bytes starting 04, or 33 bytes starting"
              + " 02 or 03");
    }
  }
}
