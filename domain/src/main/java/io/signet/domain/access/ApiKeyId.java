package io.signet.domain.access;

import io.signet.domain.SignetException;
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
    try {
      return new ApiKeyId(UUID.fromString(text));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw SignetException.InvalidRequest.field("key_id must be a UUID");
    }
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
