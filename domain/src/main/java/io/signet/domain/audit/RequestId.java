package io.signet.domain.audit;

import java.util.UUID;

/** The id every response carries; audit entries and receipts are found by it. */
public record RequestId(UUID value) {
  public RequestId {
    if (value == null) throw new IllegalArgumentException("request id must not be null");
  }

  public static RequestId random() {
    return new RequestId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
