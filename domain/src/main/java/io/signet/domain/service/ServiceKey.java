package io.signet.domain.service;

import io.signet.domain.Bytes;
import io.signet.domain.key.Protection;
import java.time.Instant;

/**
 * A stored service key version: its public half (SubjectPublicKeyInfo DER), its address as the
 * receipt API shows it, how its private half is protected, and, for {@code hsm-wrapped} keys, the
 * private key sealed under an HSM key. Previous versions stay for verification.
 */
public record ServiceKey(
    ServiceKeyName name,
    Status status,
    Bytes publicKey,
    String address,
    Protection protection,
    Bytes sealedPrivateKey,
    Instant createdAt) {
  public ServiceKey {
    if (name == null
        || status == null
        || publicKey == null
        || address == null
        || protection == null
        || createdAt == null) {
      throw new IllegalArgumentException("service key fields are required");
    }
    if ((protection == Protection.HSM_WRAPPED) != (sealedPrivateKey != null)) {
      throw new IllegalArgumentException("a sealed private key goes with hsm-wrapped, only");
    }
  }

  /** {@code current} signs; {@code previous} only verifies what it signed before a rotation. */
  public enum Status {
    CURRENT("current"),
    PREVIOUS("previous");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    public static Status fromWireName(String name) {
      for (Status s : values()) if (s.wireName.equals(name)) return s;
      throw new IllegalArgumentException("unknown service key status " + name);
    }
  }
}
