package io.signet.domain.key;

import io.signet.domain.SignetException;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SignatureFormat;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signature algorithms Signet offers (DESIGN §2). Names are case-sensitive; some have an alias.
 * Each algorithm states which precomputed hashes it signs ({@code sign-hash}) and which signature
 * {@linkplain SignatureFormat formats} it speaks, the first being its default.
 *
 * <ul>
 *   <li>{@link #DILITHIUM3}: ML-DSA-65 (FIPS 204); the default. HashML-DSA for hashes.
 *   <li>{@link #COMPOSITE_ML_DSA}: IETF LAMPS composite id-MLDSA65-ECDSA-P256-SHA512 (OID
 *       1.3.6.1.5.5.7.6.45); it pre-hashes with SHA-512, so that is the only hash it takes.
 *   <li>{@link #ECDSA_P256}: ECDSA P-256 with SHA-256 (FIPS 186-5), low-S.
 *   <li>{@link #ECDSA_SECP256K1}: ECDSA secp256k1 with SHA-256, or Keccak-256 for {@code ethereum};
 *       low-S.
 *   <li>{@link #RSA_PSS_3072}: RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32 (RFC 8017); its
 *       parameters fix the hash, so it signs SHA-256 hashes only.
 *   <li>{@link #ED25519}: PureEdDSA (RFC 8032), which signs messages only.
 * </ul>
 */
public enum Algorithm {
  DILITHIUM3(
      "Dilithium3",
      "ML-DSA-65",
      "mldsa65",
      EnumSet.of(HashAlgorithm.SHA_256, HashAlgorithm.SHA_384, HashAlgorithm.SHA_512),
      List.of(SignatureFormat.RAW)),
  COMPOSITE_ML_DSA(
      "Composite-ML-DSA",
      "MLDSA65-ECDSA-P256-SHA512",
      "mldsa65-p256",
      EnumSet.of(HashAlgorithm.SHA_512),
      List.of(SignatureFormat.RAW)),
  ECDSA_P256(
      "ECDSA-P256",
      null,
      "p256",
      EnumSet.of(HashAlgorithm.SHA_256, HashAlgorithm.SHA_384, HashAlgorithm.SHA_512),
      List.of(SignatureFormat.DER, SignatureFormat.RAW)),
  ECDSA_SECP256K1(
      "ECDSA-secp256k1",
      null,
      "secp256k1",
      EnumSet.allOf(HashAlgorithm.class),
      List.of(SignatureFormat.DER, SignatureFormat.RAW, SignatureFormat.ETHEREUM)),
  RSA_PSS_3072(
      "RSA-PSS-3072",
      null,
      "rsapss3072",
      EnumSet.of(HashAlgorithm.SHA_256),
      List.of(SignatureFormat.RAW)),
  ED25519(
      "Ed25519",
      null,
      "ed25519",
      EnumSet.noneOf(HashAlgorithm.class),
      List.of(SignatureFormat.RAW));

  private final String wireName;
  private final String alias;
  private final String shortName;

  // Both are unmodifiable copies, made in the constructor (the JDK has no immutable collection
  // type for the checker to see).
  @SuppressWarnings("ImmutableEnumChecker")
  private final Set<HashAlgorithm> hashAlgorithms;

  @SuppressWarnings("ImmutableEnumChecker")
  private final List<SignatureFormat> formats;

  Algorithm(
      String wireName,
      String alias,
      String shortName,
      Set<HashAlgorithm> hashAlgorithms,
      List<SignatureFormat> formats) {
    this.wireName = wireName;
    this.alias = alias;
    this.shortName = shortName;
    this.hashAlgorithms = Collections.unmodifiableSet(EnumSet.copyOf(hashAlgorithms));
    this.formats = List.copyOf(formats);
  }

  /** The name responses carry. */
  public String wireName() {
    return wireName;
  }

  /** A stable lowercase name for storage and HSM labels. */
  public String shortName() {
    return shortName;
  }

  /** The hashes {@code sign-hash} and {@code verify-hash} take with this algorithm. */
  public Set<HashAlgorithm> hashAlgorithms() {
    return hashAlgorithms;
  }

  /** True when sign-hash takes {@code hash} with this algorithm. */
  public boolean takes(HashAlgorithm hash) {
    return hashAlgorithms.contains(hash);
  }

  /** True for the algorithms that bind a context string (FIPS 204 ctx): ML-DSA and composite. */
  public boolean hasContext() {
    return this == DILITHIUM3 || this == COMPOSITE_ML_DSA;
  }

  /** The signature formats of this algorithm; the first is the default. */
  public List<SignatureFormat> formats() {
    return formats;
  }

  public SignatureFormat defaultFormat() {
    return formats.getFirst();
  }

  public static Algorithm defaultAlgorithm() {
    return DILITHIUM3;
  }

  /** Parses a request's algorithm name or alias, exactly (case-sensitive). */
  public static Algorithm parse(String name) {
    for (Algorithm a : values()) {
      if (a.wireName.equals(name) || (a.alias != null && a.alias.equals(name))) return a;
    }
    throw SignetException.InvalidRequest.field(
        "algorithm must be one of "
            + Arrays.stream(values())
                .map(a -> a.alias == null ? a.wireName : a.wireName + " (alias " + a.alias + ")")
                .collect(Collectors.joining(", ")));
  }

  public static Algorithm fromShortName(String shortName) {
    for (Algorithm a : values()) {
      if (a.shortName.equals(shortName)) return a;
    }
    throw new IllegalArgumentException("unknown algorithm " + shortName);
  }
}
