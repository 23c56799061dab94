package io.signet.domain.key;

import io.signet.domain.SignetException;
import io.signet.domain.tenant.TenantId;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Names one key version: (tenant, algorithm, version). Its {@link #label()} ties the HSM objects
 * and the sealed key material to exactly this version.
 */
public record KeyName(TenantId tenant, Algorithm algorithm, int version) {
  private static final Pattern LABEL =
      Pattern.compile("signet\\.([0-9a-f-]{36})\\.([a-z0-9-]+)\\.v([1-9][0-9]{0,9})");

  public KeyName {
    if (tenant == null || algorithm == null) {
      throw new IllegalArgumentException("tenant and algorithm are required");
    }
    if (version < 1) throw new IllegalArgumentException("key versions start at 1");
  }

  /** Validates a version number from a request. */
  public static int requireVersion(long version) {
    if (version < 1 || version > Integer.MAX_VALUE) {
      throw SignetException.InvalidRequest.field("key_version must be a positive integer");
    }
    return (int) version;
  }

  /** {@code signet.<tenant>.<algorithm>.v<version>}: the HSM label and the sealing context. */
  public String label() {
    return "signet." + tenant + "." + algorithm.shortName() + ".v" + version;
  }

  /** The key name a label stands for, or empty when the label is not one of Signet's. */
  public static Optional<KeyName> fromLabel(String label) {
    var m = LABEL.matcher(label);
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(
          new KeyName(
              new TenantId(UUID.fromString(m.group(1))),
              Algorithm.fromShortName(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return label();
  }
}
