package io.signet.adapter.pkcs11;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.reactivestreams.Publisher;

/** Readiness of the HSM: the token answers and Signet's session on it is logged in. */
@Singleton
@Readiness
final class HsmReadiness implements HealthIndicator {
  private static final ExecutorService CHECKS = Executors.newVirtualThreadPerTaskExecutor();
  private final TokenSession token;

  HsmReadiness(TokenSession token) {
    this.token = token;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.fromCompletableFuture(
        () -> CompletableFuture.supplyAsync(this::check, CHECKS));
  }

  private HealthResult check() {
    boolean up = token.healthy();
    return HealthResult.builder("hsm", up ? HealthStatus.UP : HealthStatus.DOWN)
        .details(Map.of("token", token.tokenLabel()))
        .build();
  }
}
