package io.signet.domain.service;

import io.signet.domain.SignetException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a service key is for, with the algorithms each purpose has (DESIGN §5.1): one current key
 * per purpose and algorithm.
 */
public enum ServiceKeyPurpose {
  RECEIPTS(
      "receipts",
      List.of(
          ServiceAlgorithm.ECDSA,
          ServiceAlgorithm.ECDSA_P256,
          ServiceAlgorithm.RSA,
          ServiceAlgorithm.ML_DSA)),
  ATTESTATION("attestation", List.of(ServiceAlgorithm.ES256)),
  JWT("jwt", List.of(ServiceAlgorithm.ES256));

  private final String wireName;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: unmodifiable
  private final List<ServiceAlgorithm> algorithms;

  ServiceKeyPurpose(String wireName, List<ServiceAlgorithm> algorithms) {
    this.wireName = wireName;
    this.algorithms = algorithms;
  }

  public String wireName() {
    return wireName;
  }

  /** The algorithms of this purpose; the first is the default. */
  public List<ServiceAlgorithm> algorithms() {
    return algorithms;
  }

  /** Refuses an algorithm this purpose does not have. */
  public ServiceAlgorithm require(ServiceAlgorithm algorithm) {
    if (!algorithms.contains(algorithm)) {
      throw SignetException.InvalidRequest.field(
          "signing_algo "
              + algorithm.wireName()
              + " is not one of "
              + wireName
              + "'s: "
              + algorithms.stream()
                  .map(ServiceAlgorithm::wireName)
                  .collect(Collectors.joining(", ")));
    }
    return algorithm;
  }

  public static ServiceKeyPurpose parse(String name) {
    return Arrays.stream(values())
        .filter(p -> p.wireName.equals(name))
        .findFirst()
        .orElseThrow(() -> new SignetException.NotFound("no service key purpose " + name));
  }
}
