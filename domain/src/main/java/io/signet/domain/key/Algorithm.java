package io.signet.domain.key;

import io.signet.domain.SignetException;

/**
 * The signature algorithms Signet offers. Names are case-sensitive; each has one alias.
 *
 * <ul>
 *   <li>{@link #DILITHIUM3}: ML-DSA-65 (FIPS 204); the default.
 *   <li>{@link #COMPOSITE_ML_DSA}: IETF LAMPS composite id-MLDSA65-ECDSA-P256-SHA512 (OID
 *       1.3.6.1.5.5.7.6.45).
 * </ul>
 */
public enum Algorithm {
  DILITHIUM3("Dilithium3", "ML-DSA-65", "mldsa65"),
  COMPOSITE_ML_DSA("Composite-ML-DSA", "MLDSA65-ECDSA-P256-SHA512", "mldsa65-p256");

  private final String wireName;
  private final String alias;
  private final String shortName;

  Algorithm(String wireName, String alias, String shortName) {
    this.wireName = wireName;
    this.alias = alias;
    this.shortName = shortName;
  }

  /** The name responses carry. */
  public String wireName() {
    return wireName;
  }

  /** A stable lowercase name for storage and HSM labels. */
  public String shortName() {
    return shortName;
  }

  public static Algorithm defaultAlgorithm() {
    return DILITHIUM3;
  }

  /** Parses a request's algorithm name or alias, exactly (case-sensitive). */
  public static Algorithm parse(String name) {
    for (Algorithm a : values()) {
      if (a.wireName.equals(name) || a.alias.equals(name)) return a;
    }
    throw SignetException.InvalidRequest.field(
        "algorithm must be Dilithium3 (alias ML-DSA-65) or Composite-ML-DSA"
            + " (alias MLDSA65-ECDSA-P256-SHA512)");
  }

  public static Algorithm fromShortName(String shortName) {
    for (Algorithm a : values()) {
      if (a.shortName.equals(shortName)) return a;
    }
    throw new IllegalArgumentException("unknown algorithm " + shortName);
  }
}
