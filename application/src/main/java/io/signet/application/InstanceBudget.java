package io.signet.application;

import io.signet.domain.SignetException;
import io.signet.domain.access.TokenBucket;
import java.time.Clock;

/**
 * How many requests of one kind per second this instance lets reach the database or the HSM,
 * whoever sends them (DESIGN §8): one token bucket for all callers. Used for the wallet-login
 * requests that passed every check needing neither ({@code signet.auth.rate-limit.*}), and for the
 * API-key lookups that miss the cache ({@code signet.api-keys.*}, in the persistence adapter).
 * Per-client limits, where there are any, come before this; this one bounds what many clients
 * together can cost.
 */
public final class InstanceBudget {
  private final TokenBucket bucket;
  private final Clock clock;

  public InstanceBudget(long perSecond, long burst, Clock clock) {
    this.bucket = new TokenBucket(burst, perSecond, clock.instant());
    this.clock = clock;
  }

  /** Takes one unit, or throws {@link SignetException.RateLimited} with the time to wait. */
  public void charge() {
    TokenBucket.Decision decision;
    synchronized (bucket) {
      decision = bucket.take(1, clock.instant());
    }
    if (!decision.allowed()) {
      throw new SignetException.RateLimited(decision.retryAfter(), bucket.capacity());
    }
  }
}
