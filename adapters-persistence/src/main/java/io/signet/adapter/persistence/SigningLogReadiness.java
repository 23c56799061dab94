package io.signet.adapter.persistence;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Readiness of the signing-log writer (the one group commit of signature records and receipts):
 * DOWN while it is gone or stuck on a batch, since no signature and no receipted response can be
 * acknowledged without it.
 */
@Singleton
@Readiness
final class SigningLogReadiness implements HealthIndicator {
  private final GroupCommit log;

  SigningLogReadiness(GroupCommit log) {
    this.log = log;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    boolean up = log.healthy();
    return Publishers.just(
        HealthResult.builder("signing-log", up ? HealthStatus.UP : HealthStatus.DOWN)
            .details(Map.of("writer", up ? "committing" : "unavailable"))
            .build());
  }
}
