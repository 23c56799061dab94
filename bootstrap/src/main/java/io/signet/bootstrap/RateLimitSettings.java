package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.signet.application.ChargeRequest;
import io.signet.application.StartupFailure;
import io.signet.domain.tenant.Plan;
import java.util.Map;

/**
 * Request budgets per plan, in cost units (a signature costs 10, a verification 2): per second and
 * burst. Each instance enforces its share: the plan divided by the live instances (heartbeats in
 * PostgreSQL, {@code signet.instances.*}), or by {@code instances} when that is set to a positive
 * number (a fixed count, for deployments that want one). Defaults: free 100/s (10 signatures/s),
 * standard 2,000/s (200 signatures/s), enterprise 20,000/s (2,000 signatures/s), each with a burst
 * of twice its rate.
 */
@ConfigurationProperties("signet.rate-limit")
record RateLimitSettings(
    @Bindable(defaultValue = "0") int instances,
    @Bindable(defaultValue = "100") long freePerSecond,
    @Bindable(defaultValue = "2000") long standardPerSecond,
    @Bindable(defaultValue = "20000") long enterprisePerSecond) {

  RateLimitSettings {
    positive("free-per-second", freePerSecond);
    positive("standard-per-second", standardPerSecond);
    positive("enterprise-per-second", enterprisePerSecond);
    if (instances < 0) {
      throw new StartupFailure(
          "signet.rate-limit.instances (SIGNET_RATE_LIMIT_INSTANCES) must not be negative: "
              + instances);
    }
  }

  /** A budget of 0 or less would fail every tenant request with 500, so the start is refused. */
  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new StartupFailure(
          "signet.rate-limit."
              + name
              + " (SIGNET_RATE_LIMIT_"
              + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_')
              + ") must be positive: "
              + value);
    }
  }

  Map<Plan, ChargeRequest.Budget> budgets() {
    return Map.of(
        Plan.FREE, new ChargeRequest.Budget(freePerSecond, 2 * freePerSecond),
        Plan.STANDARD, new ChargeRequest.Budget(standardPerSecond, 2 * standardPerSecond),
        Plan.ENTERPRISE, new ChargeRequest.Budget(enterprisePerSecond, 2 * enterprisePerSecond));
  }
}
