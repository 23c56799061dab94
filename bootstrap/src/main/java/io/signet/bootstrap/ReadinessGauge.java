package io.signet.bootstrap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micronaut.context.BeanContext;
import io.micronaut.health.HealthStatus;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * {@code signet.readiness{check}}: 1 while a readiness check (database, HSM, …) is UP, 0 otherwise,
 * refreshed every few seconds by running the same checks as {@code /health/readiness}.
 */
@Singleton
final class ReadinessGauge {
  private final List<HealthIndicator> checks;
  // Static like the registry it feeds: a gauge is registered once per JVM and holds its state
  // weakly, so a second context in the same JVM (the tests) must update the same state objects.
  private static final Map<String, AtomicInteger> STATES = new ConcurrentHashMap<>();

  ReadinessGauge(BeanContext context) {
    this.checks =
        List.copyOf(
            context.getBeansOfType(
                HealthIndicator.class, Qualifiers.byStereotype(Readiness.class)));
  }

  @Scheduled(fixedDelay = "${signet.metrics.readiness-interval:5s}", initialDelay = "1s")
  void refresh() {
    for (HealthIndicator check : checks) {
      subscribe(check.getResult());
    }
  }

  private void subscribe(Publisher<HealthResult> result) {
    result.subscribe(
        new Subscriber<>() {
          @Override
          public void onSubscribe(Subscription s) {
            s.request(1);
          }

          @Override
          public void onNext(HealthResult r) {
            state(r.getName()).set(HealthStatus.UP.equals(r.getStatus()) ? 1 : 0);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onComplete() {}
        });
  }

  private AtomicInteger state(String check) {
    return STATES.computeIfAbsent(
        check,
        name -> {
          AtomicInteger value = new AtomicInteger();
          Gauge.builder("signet.readiness", value, AtomicInteger::get)
              .description("1 while the readiness check is UP, 0 otherwise")
              .tag("check", name)
              .register(Metrics.globalRegistry);
          return value;
        });
  }
}
