package io.signet.adapter.pkcs11;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.signet.application.CheckInterval;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * Readiness of the HSM: the token answers and Signet's session on it is logged in. Asked of the
 * token at most once per {@link CheckInterval}, however many ask (the route is unauthenticated).
 */
@Singleton
@Readiness
final class HsmReadiness implements HealthIndicator {
  private final TokenSession token;
  private final Supplier<CompletableFuture<HealthResult>> result;

  HsmReadiness(TokenSession token, CheckInterval interval) {
    this.token = token;
    this.result = interval.sharedOnVirtualThreads(this::check);
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.fromCompletableFuture(result);
  }

  private HealthResult check() {
    boolean up = token.healthy();
    return HealthResult.builder("hsm", up ? HealthStatus.UP : HealthStatus.DOWN)
        .details(Map.of("token", token.tokenLabel()))
        .build();
  }
}
