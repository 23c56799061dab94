package io.signet.application;

import io.signet.domain.SignetException;
import io.signet.domain.access.TokenBucket;
import java.time.Clock;

/**
 * How many unauthenticated wallet-login requests per second this instance lets reach the database
 * and the HSM, whoever sends them (DESIGN §8): one token bucket for all clients, charged only by
 * requests that passed every check that needs neither. Per-client limits come before this, in the
 * REST adapter; this one bounds what many clients together can cost.
 */
public final class LoginBudget {
  private final TokenBucket bucket;
  private final Clock clock;

  public LoginBudget(long perSecond, long burst, Clock clock) {
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
