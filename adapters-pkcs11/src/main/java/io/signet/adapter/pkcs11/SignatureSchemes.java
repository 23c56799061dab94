package io.signet.adapter.pkcs11;

import io.signet.domain.key.Algorithm;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The registration of every {@link SignatureScheme}: one line per algorithm. */
final class SignatureSchemes {
  private static final Map<Algorithm, SignatureScheme> SCHEMES =
      register(
          List.of(
              new MlDsa65Scheme(),
              new CompositeMlDsaScheme(),
              new EcdsaScheme(Algorithm.ECDSA_P256, "secp256r1"),
              new EcdsaScheme(Algorithm.ECDSA_SECP256K1, "secp256k1"),
              new RsaPssScheme(),
              new Ed25519Scheme()));

  private SignatureSchemes() {}

  /** The scheme of {@code algorithm}; every algorithm has one (checked when this class loads). */
  static SignatureScheme of(Algorithm algorithm) {
    return SCHEMES.get(algorithm);
  }

  private static Map<Algorithm, SignatureScheme> register(List<SignatureScheme> schemes) {
    Map<Algorithm, SignatureScheme> byAlgorithm = new EnumMap<>(Algorithm.class);
    for (SignatureScheme scheme : schemes) {
      if (byAlgorithm.put(scheme.algorithm(), scheme) != null) {
        throw new IllegalStateException("two schemes for " + scheme.algorithm());
      }
    }
    for (Algorithm algorithm : Algorithm.values()) {
      if (!byAlgorithm.containsKey(algorithm)) {
        throw new IllegalStateException("no signature scheme for " + algorithm);
      }
    }
    return byAlgorithm;
  }
}
