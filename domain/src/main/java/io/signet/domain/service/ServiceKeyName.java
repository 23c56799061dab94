package io.signet.domain.service;

/**
 * Names one service key version: (purpose, algorithm, version). Its {@link #label()} names the HSM
 * objects (outside the {@code signet.} prefix of tenant keys, so tenant-key reconciliation never
 * touches them) and binds sealed material; its {@link #kid()} is the JOSE key id.
 */
public record ServiceKeyName(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm, int version) {
  public ServiceKeyName {
    if (purpose == null || algorithm == null) {
      throw new IllegalArgumentException("purpose and algorithm are required");
    }
    purpose.require(algorithm);
    if (version < 1) throw new IllegalArgumentException("service key versions start at 1");
  }

  /** {@code signet-service.<purpose>.<algorithm>.v<version>}. */
  public String label() {
    return "signet-service." + purpose.wireName() + "." + algorithm.wireName() + ".v" + version;
  }

  /** {@code <purpose>-<algorithm>-v<version>}, e.g. {@code jwt-ES256-v1}: the JWS/JWK key id. */
  public String kid() {
    return purpose.wireName() + "-" + algorithm.wireName() + "-v" + version;
  }

  public ServiceKeyName next() {
    return new ServiceKeyName(purpose, algorithm, version + 1);
  }

  @Override
  public String toString() {
    return label();
  }
}
