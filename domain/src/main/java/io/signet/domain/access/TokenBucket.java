package io.signet.domain.access;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds at most {@code capacity} units, refills at {@code refillPerSecond}, and a
 * request costing {@code cost} units passes only if that many are there. A request costing more
 * than the whole capacity (a large batch) passes from a full bucket and leaves it in debt, repaid
 * by the refill before anything else passes: it waits for a full bucket instead of never passing,
 * and the long-run rate stays the bucket's. Not thread-safe: one per API key, used under its
 * owner's lock. Time is an input.
 */
public final class TokenBucket {
  private final double capacity;
  private final double refillPerSecond;
  private double tokens;
  private Instant last;

  public TokenBucket(double capacity, double refillPerSecond, Instant now) {
    if (capacity <= 0 || refillPerSecond <= 0)
      throw new IllegalArgumentException("capacity and rate must be positive");
    this.capacity = capacity;
    this.refillPerSecond = refillPerSecond;
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes {@code cost} units if they are there; says what is left and when to come back. */
  public Decision take(int cost, Instant now) {
    return take(cost, 0, now);
  }

  /**
   * Takes the rest ({@code cost}) of a request whose first {@code paid} units were taken already (a
   * batch charged for its route before its items are counted), as if the whole were taken at once:
   * a whole over the capacity passes if the bucket was full when it began. Refused, the request
   * costs nothing: the {@code paid} units are given back, and the wait is until the whole request,
   * taken again from its start, passes.
   */
  public Decision take(int cost, int paid, Instant now) {
    refill(now);
    // More than the capacity can only ever pass from a full bucket.
    double whole = Math.min(cost + (double) paid, capacity);
    if (whole - paid <= tokens) {
      tokens -= cost;
      return new Decision(true, remaining(), Duration.ZERO, untilFull());
    }
    tokens = Math.min(capacity, tokens + paid);
    double missing = whole - tokens;
    Duration retryAfter = Duration.ofMillis((long) Math.ceil(missing / refillPerSecond * 1000));
    return new Decision(false, remaining(), retryAfter, untilFull());
  }

  /**
   * This bucket for a new share of its budget ({@code capacity}, {@code refillPerSecond}): its
   * level, a debt included, scales with the capacity, so the time until it is full again stays what
   * it was (a change in the number of instances neither forgives a debt nor grants a fresh burst).
   */
  public TokenBucket resized(double capacity, double refillPerSecond, Instant now) {
    refill(now);
    TokenBucket resized = new TokenBucket(capacity, refillPerSecond, now);
    resized.tokens = tokens * (capacity / this.capacity);
    return resized;
  }

  private long remaining() {
    return Math.max(0, (long) Math.floor(tokens));
  }

  public long capacity() {
    return (long) capacity;
  }

  private void refill(Instant now) {
    if (now.isAfter(last)) {
      double seconds = Duration.between(last, now).toNanos() / 1e9;
      tokens = Math.min(capacity, tokens + seconds * refillPerSecond);
      last = now;
    }
  }

  private Duration untilFull() {
    return Duration.ofMillis((long) Math.ceil((capacity - tokens) / refillPerSecond * 1000));
  }

  /**
   * The outcome: allowed or not, the whole units left, how long until the request could pass
   * ({@code retryAfter}, zero when allowed) and until the bucket is full again.
   */
  public record Decision(
      boolean allowed, long remaining, Duration retryAfter, Duration untilFull) {}
}
