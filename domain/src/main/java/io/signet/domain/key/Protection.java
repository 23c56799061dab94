package io.signet.domain.key;

/**
 * How a key version's private key is protected, reported truthfully by the API and attestation.
 *
 * <ul>
 *   <li>{@link #HSM}: every private part is a non-extractable object generated in the HSM.
 *   <li>{@link #HSM_WRAPPED}: at least one private part (ML-DSA-65, where the token has no such
 *       mechanism) was generated in process and is stored only encrypted under a non-extractable
 *       HSM key; it is decrypted in memory only to sign.
 * </ul>
 */
public enum Protection {
  HSM("hsm"),
  HSM_WRAPPED("hsm-wrapped");

  private final String wireName;

  Protection(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Protection fromWireName(String name) {
    for (Protection p : values()) {
      if (p.wireName.equals(name)) return p;
    }
    throw new IllegalArgumentException("unknown protection " + name);
  }
}
