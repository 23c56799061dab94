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

/**
 * Charges a request's cost to its API key's budget; the budget depends on the tenant's plan.
 * Budgets are per instance: with {@code instances} instances behind a load balancer that spreads
 * requests evenly, each enforces 1/{@code instances} of the plan, so the cluster enforces the plan.
 * (A client pinned to one instance gets 1/N of its plan: the price of no shared state on the
 * request path.)
 */
public final class ChargeRequest {
  private final Map<Plan, Budget> budgets;
  private final int instances;
  private final Clock clock;
  private final Map<ApiKeyId, TokenBucket> buckets = new ConcurrentHashMap<>();

  public ChargeRequest(Map<Plan, Budget> budgets, int instances, Clock clock) {
    if (instances < 1) throw new IllegalArgumentException("at least one instance");
    for (Plan plan : Plan.values()) {
      if (!budgets.containsKey(plan))
        throw new IllegalArgumentException("no budget for plan " + plan);
    }
    this.budgets = Map.copyOf(budgets);
    this.instances = instances;
    this.clock = clock;
  }

  /** Takes {@code cost} units or throws RateLimited with the time to wait. */
  public TokenBucket.Decision charge(Principal caller, int cost) {
    Instant now = clock.instant();
    TokenBucket bucket =
        buckets.computeIfAbsent(
            caller.apiKey(),
            id -> {
              Budget budget = budgets.get(caller.plan());
              return new TokenBucket(
                  budget.burst() / (double) instances,
                  budget.perSecond() / (double) instances,
                  now);
            });
    TokenBucket.Decision decision;
    synchronized (bucket) {
      decision = bucket.take(cost, now);
    }
    if (!decision.allowed())
      throw new SignetException.RateLimited(decision.retryAfter(), bucket.capacity());
    return decision;
  }

  public long limit(Principal caller) {
    return budgets.get(caller.plan()).burst() / instances;
  }

  /** A plan's budget: units per second, and the burst it may spend at once. */
  public record Budget(long perSecond, long burst) {
    public Budget {
      if (perSecond < 1 || burst < 1) throw new IllegalArgumentException("budgets are positive");
    }
  }
}
