package io.signet.domain.signing;

import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;

/**
 * The hash functions a precomputed hash may come from, with their lengths and OIDs. Which ones an
 * algorithm takes is {@link io.signet.domain.key.Algorithm#hashAlgorithms()}.
 */
public enum HashAlgorithm {
  SHA_256("SHA-256", 32, "2.16.840.1.101.3.4.2.1"),
  SHA_384("SHA-384", 48, "2.16.840.1.101.3.4.2.2"),
  SHA_512("SHA-512", 64, "2.16.840.1.101.3.4.2.3"),
  /** Ethereum's Keccak-256 (the original Keccak padding, not SHA3-256); it has no hash OID. */
  KECCAK_256("KECCAK-256", 32, null);

  private final String wireName;
  private final int length;
  private final String oid;

  HashAlgorithm(String wireName, int length, String oid) {
    this.wireName = wireName;
    this.length = length;
    this.oid = oid;
  }

  public String wireName() {
    return wireName;
  }

  public int length() {
    return length;
  }

  /**
   * The object identifier HashML-DSA binds into the signature (FIPS 204 §5.4); null for Keccak-256,
   * which no algorithm that needs an OID accepts.
   */
  public String oid() {
    return oid;
  }

  /** Parses a request's {@code hash_algorithm}: unknown names are ERR_SIG_010. */
  public static HashAlgorithm parse(String name) {
    for (HashAlgorithm h : values()) {
      if (h.wireName.equals(name)) return h;
    }
    throw new SignetException.InvalidRequest(
        Reason.UNSUPPORTED_HASH, "hash_algorithm must be SHA-256, SHA-384, SHA-512 or KECCAK-256");
  }
}
