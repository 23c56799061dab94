package io.signet.domain.audit;

import java.time.Clock;
import java.util.UUID;

/** The id every response carries; audit entries and receipts are found by it. */
public record RequestId(UUID value) {
  public RequestId {
    if (value == null) throw new IllegalArgumentException("request id must not be null");
  }

  /**
   * A new id: a UUID version 7 (RFC 9562 §5.7), {@code clock}'s Unix time in milliseconds in its
   * first 48 bits and 74 bits from the same secure random source as {@link UUID#randomUUID()}. Ids
   * made close in time are close as keys, so the receipt and signing-log indexes grow at one end
   * instead of touching a random page for every row (which, once an index outgrows memory, is a
   * disk read per insert).
   */
  public static RequestId next(Clock clock) {
    UUID random = UUID.randomUUID();
    long millis = clock.millis();
    long high = (millis << 16) | 0x7000L | (random.getMostSignificantBits() & 0x0FFFL);
    // randomUUID's low half already carries the RFC variant (binary 10) in its top bits.
    return new RequestId(new UUID(high, random.getLeastSignificantBits()));
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
