package io.signet.domain.access;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket: holds at most {@code capacity} units, refills at {@code refillPerSecond}, and a
 * request costing {@code cost} units passes only if that many are there. Not thread-safe: one per
 * API key, used under its owner's lock. Time is an input.
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
    refill(now);
    if (cost <= tokens) {
      tokens -= cost;
      return new Decision(true, (long) Math.floor(tokens), Duration.ZERO, untilFull());
    }
    double missing = cost - tokens;
    Duration retryAfter = Duration.ofMillis((long) Math.ceil(missing / refillPerSecond * 1000));
    return new Decision(false, (long) Math.floor(tokens), retryAfter, untilFull());
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
