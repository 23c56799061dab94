package io.signet.bootstrap;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first step of a stop: readiness turns DOWN, and the service keeps answering for {@code
 * signet.shutdown.readiness-delay} so that a load balancer polling readiness takes the instance out
 * before it stops accepting connections. The rest of the stop (draining in-flight requests,
 * flushing the signing log, closing the pool) is the application context's graceful shutdown.
 */
@Singleton
@Readiness
final class Stopping implements HealthIndicator {
  private static final Logger LOG = LoggerFactory.getLogger(Stopping.class);
  private final Duration readinessDelay;
  private volatile boolean stopping;

  Stopping(@Value("${signet.shutdown.readiness-delay:1s}") Duration readinessDelay) {
    this.readinessDelay = readinessDelay;
  }

  /** Turns readiness DOWN and waits out the readiness delay. */
  void begin() throws InterruptedException {
    stopping = true;
    LOG.info(
        "stopping: readiness is DOWN; serving for {} ms more (signet.shutdown.readiness-delay),"
            + " then in-flight requests finish and the signing log commits what is queued",
        readinessDelay.toMillis());
    Thread.sleep(readinessDelay.toMillis());
    LOG.info("stopping: no longer accepting connections, draining in-flight requests");
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.just(
        HealthResult.builder("lifecycle", stopping ? HealthStatus.DOWN : HealthStatus.UP)
            .details(Map.of("state", stopping ? "stopping" : "running"))
            .build());
  }
}
