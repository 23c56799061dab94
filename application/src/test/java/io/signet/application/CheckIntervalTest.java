package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.fake.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class CheckIntervalTest {
  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
  private final SettableClock clock = new SettableClock(T0);
  private final AtomicInteger runs = new AtomicInteger();
  private final Supplier<CompletableFuture<Integer>> check =
      new CheckInterval(Duration.ofSeconds(1), clock)
          .shared(() -> CompletableFuture.completedFuture(runs.incrementAndGet()));

  @Test
  void runsTheCheckOnceForAllCallersWithinTheInterval() {
    for (int i = 0; i < 1000; i++) assertThat(check.get().join()).isEqualTo(1);
    clock.set(T0.plusMillis(999));
    assertThat(check.get().join()).isEqualTo(1);
    assertThat(runs).hasValue(1);
  }

  @Test
  void runsItAgainOnceTheIntervalHasPassed() {
    assertThat(check.get().join()).isEqualTo(1);
    clock.set(T0.plusSeconds(1));
    assertThat(check.get().join()).isEqualTo(2);
    clock.set(T0.plusMillis(1500));
    assertThat(check.get().join()).isEqualTo(2);
    clock.set(T0.plusSeconds(10));
    assertThat(check.get().join()).isEqualTo(3);
  }

  /** A clock set back does not keep the last answer until it catches up with it. */
  @Test
  void runsItAgainWhenTheClockIsSetBack() {
    assertThat(check.get().join()).isEqualTo(1);
    clock.set(T0.minus(Duration.ofHours(3)));
    assertThat(check.get().join()).isEqualTo(2);
    clock.set(T0.minus(Duration.ofHours(3)).plusMillis(500));
    assertThat(check.get().join()).isEqualTo(2);
  }

  @Test
  void sharesACheckStillRunning() {
    CompletableFuture<Integer> running = new CompletableFuture<>();
    Supplier<CompletableFuture<Integer>> slow =
        new CheckInterval(Duration.ofSeconds(1), clock)
            .shared(
                () -> {
                  runs.incrementAndGet();
                  return running;
                });
    assertThat(slow.get()).isSameAs(slow.get());
    assertThat(runs).hasValue(1);
  }

  /** A blocking check runs on a virtual thread, not the caller's, once for all in the interval. */
  @Test
  void runsABlockingCheckOnAVirtualThreadOnce() {
    Supplier<CompletableFuture<Boolean>> blocking =
        new CheckInterval(Duration.ofSeconds(1), clock)
            .sharedOnVirtualThreads(
                () -> {
                  runs.incrementAndGet();
                  return Thread.currentThread().isVirtual();
                });
    for (int i = 0; i < 100; i++) assertThat(blocking.get().join()).isTrue();
    assertThat(runs).hasValue(1);
  }

  @Test
  void runsEveryTimeWithAZeroInterval() {
    Supplier<CompletableFuture<Integer>> always =
        new CheckInterval(Duration.ZERO, clock)
            .shared(() -> CompletableFuture.completedFuture(runs.incrementAndGet()));
    assertThat(always.get().join()).isEqualTo(1);
    assertThat(always.get().join()).isEqualTo(2);
  }
}
