package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.signet.application.StartupFailure;
import java.time.Duration;

/**
 * How often the health checks that reach the database and the HSM, and the deadlock check, run at
 * most ({@code signet.health.check-interval}): every request in between shares the last answer.
 */
@ConfigurationProperties("signet.health")
record HealthSettings(@Bindable(defaultValue = "1s") Duration checkInterval) {
  HealthSettings {
    // Zero would let every anonymous readiness request reach PostgreSQL and the HSM (DESIGN §8).
    if (!checkInterval.isPositive()) {
      throw new StartupFailure(
          "signet.health.check-interval (SIGNET_HEALTH_CHECK_INTERVAL) must be positive: "
              + checkInterval);
    }
  }
}
