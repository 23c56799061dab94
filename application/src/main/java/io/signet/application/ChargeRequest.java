package io.signet.application;

import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.Principal;
import io.signet.domain.access.TokenBucket;
import io.signet.domain.tenant.Plan;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * Charges a request's cost to its API key's budget; the budget depends on the tenant's plan.
 * Budgets are per instance: with N live instances behind a load balancer that spreads requests
 * evenly, each enforces 1/N of the plan, so the cluster enforces the plan. (A client pinned to one
 * instance gets 1/N of its plan: the price of no shared state on the request path.) N comes from a
 * supplier (the instances' heartbeats, {@link TrackInstances}); when it changes, a key's bucket is
 * resized at its next request, keeping how far it is from full (a debt included).
 */
public final class ChargeRequest {
  private final Map<Plan, Budget> budgets;
  private final IntSupplier instances;
  private final Clock clock;
  private final Map<ApiKeyId, Share> buckets = new ConcurrentHashMap<>();

  public ChargeRequest(Map<Plan, Budget> budgets, int instances, Clock clock) {
    this(budgets, fixed(instances), clock);
  }

  /** Budgets shared among {@code liveInstances.getAsInt()} instances, read on every request. */
  public ChargeRequest(Map<Plan, Budget> budgets, IntSupplier liveInstances, Clock clock) {
    for (Plan plan : Plan.values()) {
      if (!budgets.containsKey(plan))
        throw new IllegalArgumentException("no budget for plan " + plan);
    }
    this.budgets = Map.copyOf(budgets);
    this.instances = liveInstances;
    this.clock = clock;
  }

  /** Takes {@code cost} units or throws RateLimited with the time to wait. */
  public TokenBucket.Decision charge(Principal caller, int cost) {
    return charge(caller, cost, 0);
  }

  /**
   * Takes the rest ({@code cost}) of a request whose first {@code paid} units were charged already,
   * as {@link TokenBucket#take(int, int, Instant)} does, or throws RateLimited.
   */
  public TokenBucket.Decision charge(Principal caller, int cost, int paid) {
    Instant now = clock.instant();
    int share = instances();
    Share known = buckets.get(caller.apiKey());
    // The usual case reads without locking; only a new key or a changed instance count recomputes.
    if (known == null || known.instances() != share) {
      known =
          buckets.compute(
              caller.apiKey(),
              (id, current) -> {
                if (current != null && current.instances() == share) return current;
                Budget budget = budgets.get(caller.plan());
                double capacity = budget.burst() / (double) share;
                double rate = budget.perSecond() / (double) share;
                if (current == null) return new Share(share, new TokenBucket(capacity, rate, now));
                synchronized (current.bucket()) { // what the key has spent, or owes, carries over
                  return new Share(share, current.bucket().resized(capacity, rate, now));
                }
              });
    }
    TokenBucket bucket = known.bucket();
    TokenBucket.Decision decision;
    synchronized (bucket) {
      decision = bucket.take(cost, paid, now);
    }
    if (!decision.allowed())
      throw new SignetException.RateLimited(decision.retryAfter(), bucket.capacity());
    return decision;
  }

  public long limit(Principal caller) {
    return budgets.get(caller.plan()).burst() / instances();
  }

  private int instances() {
    return Math.max(1, instances.getAsInt());
  }

  private static IntSupplier fixed(int instances) {
    if (instances < 1) throw new IllegalArgumentException("at least one instance");
    return () -> instances;
  }

  private record Share(int instances, TokenBucket bucket) {}

  /** A plan's budget: units per second, and the burst it may spend at once. */
  public record Budget(long perSecond, long burst) {
    public Budget {
      if (perSecond < 1 || burst < 1) throw new IllegalArgumentException("budgets are positive");
    }
  }
}
