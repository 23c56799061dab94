package io.signet.domain.signing;

import io.signet.domain.SignetException;

/**
 * How a classical signature is encoded on the wire (request field {@code format}).
 *
 * <ul>
 *   <li>{@link #DER}: ECDSA's ASN.1 {@code SEQUENCE {r, s}} (X9.62 / RFC 3279); the default for
 *       ECDSA.
 *   <li>{@link #RAW}: the fixed-length encoding: ECDSA r‖s (IEEE P1363, as JWS uses it); for
 *       RSA-PSS, Ed25519, ML-DSA and composite their only, standard encoding.
 *   <li>{@link #ETHEREUM}: secp256k1 only: r‖s‖v (65 bytes, v 27 or 28) over the EIP-191
 *       personal_sign hash of the message, or over a caller's Keccak-256 hash.
 * </ul>
 *
 * ECDSA signatures Signet makes are low-S in every format.
 */
public enum SignatureFormat {
  DER("der"),
  RAW("raw"),
  ETHEREUM("ethereum");

  private final String wireName;

  SignatureFormat(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses a request's {@code format} (case-sensitive); unknown names are ERR_SIG_001. */
  public static SignatureFormat parse(String name) {
    for (SignatureFormat f : values()) {
      if (f.wireName.equals(name)) return f;
    }
    throw SignetException.InvalidRequest.field("format must be der, raw or ethereum");
  }
}
