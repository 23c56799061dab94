package io.signet.domain.key;

import io.signet.domain.SignetException;
import io.signet.domain.tenant.TenantId;

/**
 * Names one key version: (tenant, algorithm, version). How custody names its objects for a version
 * (HSM labels, sealing contexts) is the custody adapter's business.
 */
public record KeyName(TenantId tenant, Algorithm algorithm, int version) {

  public KeyName {
    if (tenant == null || algorithm == null) {
      throw new IllegalArgumentException("tenant and algorithm are required");
    }
    if (version < 1) throw new IllegalArgumentException("key versions start at 1");
  }

  /** What a request's version number must be (the refusal's message). */
  public static final String VERSION_RULE =
      "key_version must be an integer from 1 to " + Integer.MAX_VALUE;

  /** Validates a version number from a request. */
  public static int requireVersion(long version) {
    if (version < 1 || version > Integer.MAX_VALUE) {
      throw SignetException.InvalidRequest.field(VERSION_RULE);
    }
    return (int) version;
  }

  /** {@code <tenant>/<algorithm>/v<version>}: how audit records and logs name the version. */
  @Override
  public String toString() {
    return tenant + "/" + algorithm.shortName() + "/v" + version;
  }
}
