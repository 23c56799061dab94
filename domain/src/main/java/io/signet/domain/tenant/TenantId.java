package io.signet.domain.tenant;

import io.signet.domain.SignetException;
import io.signet.domain.Uuids;
import java.util.UUID;

/** The identity of a tenant: a random UUID chosen by Signet when the tenant is created. */
public record TenantId(UUID value) {
  public TenantId {
    if (value == null) throw new IllegalArgumentException("tenant id must not be null");
  }

  public static TenantId random() {
    return new TenantId(UUID.randomUUID());
  }

  /** Parses a tenant id from a request; anything but a UUID is an invalid request. */
  public static TenantId parse(String text) {
    return Uuids.parse(text)
        .map(TenantId::new)
        .orElseThrow(
            () ->
                SignetException.InvalidRequest.field(
                    "tenant_id must be a UUID (8-4-4-4-12 hex digits)"));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
