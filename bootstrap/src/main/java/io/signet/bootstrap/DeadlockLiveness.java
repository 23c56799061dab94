package io.signet.bootstrap;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Liveness;
import io.signet.application.CheckInterval;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * Liveness: DOWN while platform threads of the service (event loops, the signing-log writer, pools)
 * are deadlocked on monitors or ownable synchronizers, which only a restart ends; the JVM does not
 * report deadlocks among virtual threads. It takes the place of Micronaut's indicator of the same
 * check ({@code endpoints.health.deadlocked-threads.enabled: false}), which ran it on every
 * request: the check is a VM operation that stops every thread at a safepoint, and the route is
 * unauthenticated, so each anonymous probe paused every signature in flight. Here it runs at most
 * once per {@link CheckInterval} however many ask, off the event loop, and says how many threads,
 * never which ones.
 */
@Singleton
@Liveness
final class DeadlockLiveness implements HealthIndicator {
  static final String NAME = "deadlockedThreads";
  private final ThreadMXBean threads;
  private final Supplier<CompletableFuture<HealthResult>> result;

  @Inject
  DeadlockLiveness(CheckInterval interval) {
    this(ManagementFactory.getThreadMXBean(), interval);
  }

  DeadlockLiveness(ThreadMXBean threads, CheckInterval interval) {
    this.threads = threads;
    this.result = interval.sharedOnVirtualThreads(this::check);
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Publishers.fromCompletableFuture(result);
  }

  private HealthResult check() {
    long[] deadlocked = threads.findDeadlockedThreads();
    if (deadlocked == null) return HealthResult.builder(NAME, HealthStatus.UP).build();
    return HealthResult.builder(NAME, HealthStatus.DOWN)
        .details(Map.of("threads", deadlocked.length))
        .build();
  }
}
