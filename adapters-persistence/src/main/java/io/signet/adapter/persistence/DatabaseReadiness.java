package io.signet.adapter.persistence;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.signet.application.CheckInterval;
import io.signet.domain.SignetException;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * Readiness of PostgreSQL: a round trip through the pool. DOWN while the database is unreachable,
 * UP again by itself once the pool reconnects. The round trip runs at most once per {@link
 * CheckInterval}, however many ask (the route is unauthenticated).
 */
@Singleton
@Readiness
final class DatabaseReadiness implements HealthIndicator {
  private final Sql sql;
  private final Supplier<CompletableFuture<HealthResult>> result;

  DatabaseReadiness(Sql sql, CheckInterval interval) {
    this.sql = sql;
    this.result = interval.sharedOnVirtualThreads(this::check);
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.fromCompletableFuture(result);
  }

  private HealthResult check() {
    try {
      sql.read(
          c -> {
            try (var statement = c.createStatement()) {
              return statement.execute("SELECT 1");
            }
          });
      return HealthResult.builder("database", HealthStatus.UP).build();
    } catch (SignetException | IllegalStateException e) {
      return HealthResult.builder("database", HealthStatus.DOWN)
          .details(Map.of("error", "database unavailable"))
          .build();
    }
  }
}
