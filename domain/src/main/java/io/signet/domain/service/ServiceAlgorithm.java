package io.signet.domain.service;

import io.signet.domain.SignetException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How a service key signs, by its wire name ({@code signing_algo}, or the JOSE {@code alg}):
 *
 * <ul>
 *   <li>{@link #ECDSA}: secp256k1, EIP-191 personal_sign of the message: r‖s‖v (65 bytes), low-S, v
 *       ∈ {27, 28}. Address: EIP-55 Ethereum address.
 *   <li>{@link #ECDSA_P256}: P-256 over SHA-256(message), raw r‖s (64 bytes), low-S. Address:
 *       {@code 0x} + compressed SEC1 public key.
 *   <li>{@link #RSA}: RSA-3072 RSASSA-PSS, SHA-256, MGF1-SHA-256, salt 32. Address: {@code 0x} +
 *       first 20 bytes of SHA-256(SPKI DER).
 *   <li>{@link #ML_DSA}: ML-DSA-65 pure, empty context. Address as RSA.
 *   <li>{@link #ES256}: P-256 over SHA-256(message), raw r‖s (64 bytes): exactly a JWS ES256
 *       signature of a JWS signing input. Address as P-256.
 * </ul>
 */
public enum ServiceAlgorithm {
  ECDSA("ecdsa"),
  ECDSA_P256("ecdsa-p256"),
  RSA("rsa"),
  ML_DSA("ml-dsa"),
  ES256("ES256");

  private final String wireName;

  ServiceAlgorithm(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses a wire name exactly; anything else is an invalid request naming the choices. */
  public static ServiceAlgorithm parse(String name) {
    return Arrays.stream(values())
        .filter(a -> a.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                SignetException.InvalidRequest.field(
                    "signing_algo must be one of "
                        + Arrays.stream(values())
                            .map(ServiceAlgorithm::wireName)
                            .collect(Collectors.joining(", "))));
  }
}
