package io.signet.domain.key;

import io.signet.domain.Bytes;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;

/** Key versions for tests. */
public final class KeyFixtures {
  public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private KeyFixtures() {}

  public static KeyName aName() {
    return new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 1);
  }

  public static KeyVersion anActiveVersion(KeyName name) {
    return KeyVersion.activated(
        name, Bytes.of(new byte[] {1, 2, 3}), Protection.HSM_WRAPPED, Bytes.of(new byte[] {7}), T0);
  }

  public static KeyVersion aVersionIn(KeyStatus status) {
    KeyVersion active = anActiveVersion(aName());
    return switch (status) {
      case ACTIVE -> active;
      case RETIRED -> active.retire(T0.plusSeconds(60));
      case ARCHIVED -> active.retire(T0.plusSeconds(60)).archive(T0.plusSeconds(120));
    };
  }
}
