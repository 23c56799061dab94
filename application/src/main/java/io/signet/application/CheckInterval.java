package io.signet.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * How often a health check may reach the database or the HSM, however often it is asked (DESIGN §8:
 * the readiness route is unauthenticated). A check {@link #sharedOnVirtualThreads shared} through
 * this starts at most once per interval; every caller in between gets the answer of the last one
 * started, or waits for it while it runs. So a check that fails is seen by callers within the
 * interval plus the check's own time, and a flood of callers costs at most one check per interval.
 * A clock set back (a step of NTP, a VM resumed) starts a new check rather than keeping the last
 * answer until the clock catches up with it: a DOWN kept for hours would hold the instance out of
 * its load balancer.
 */
public final class CheckInterval {
  private static final ExecutorService CHECKS = Executors.newVirtualThreadPerTaskExecutor();
  private final Duration interval;
  private final Clock clock;

  public CheckInterval(Duration interval, Clock clock) {
    if (interval.isNegative()) throw new IllegalArgumentException("interval must not be negative");
    this.interval = interval;
    this.clock = clock;
  }

  /** {@code check}, started at most once per interval, its answer shared meanwhile. */
  <T> Supplier<CompletableFuture<T>> shared(Supplier<CompletableFuture<T>> check) {
    return new Shared<>(check);
  }

  /**
   * A blocking {@code check} (a round trip, a VM operation), run on a virtual thread of its own at
   * most once per interval: no caller's thread (an event loop) runs or waits for it to start.
   */
  public <T> Supplier<CompletableFuture<T>> sharedOnVirtualThreads(Supplier<T> check) {
    return shared(() -> CompletableFuture.supplyAsync(check, CHECKS));
  }

  private final class Shared<T> implements Supplier<CompletableFuture<T>> {
    private final Supplier<CompletableFuture<T>> check;
    private CompletableFuture<T> last;
    private Instant startedAt = Instant.MIN;

    Shared(Supplier<CompletableFuture<T>> check) {
      this.check = check;
    }

    @Override
    public synchronized CompletableFuture<T> get() {
      Instant now = clock.instant();
      if (last == null || now.isBefore(startedAt) || !now.isBefore(startedAt.plus(interval))) {
        startedAt = now;
        last = check.get();
      }
      return last;
    }
  }
}
