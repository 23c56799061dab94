package io.signet.domain.access;

import io.signet.domain.SignetException;
import io.signet.domain.Uuids;
import java.util.UUID;

/** The public identity of an API key: part of the key itself, and how operators revoke it. */
public record ApiKeyId(UUID value) {
  public ApiKeyId {
    if (value == null) throw new IllegalArgumentException("api key id must not be null");
  }

  public static ApiKeyId random() {
    return new ApiKeyId(UUID.randomUUID());
  }

  public static ApiKeyId parse(String text) {
    return Uuids.parse(text)
        .map(ApiKeyId::new)
        .orElseThrow(
            () ->
                SignetException.InvalidRequest.field(
                    "key_id must be a UUID (8-4-4-4-12 hex digits)"));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
