package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import io.signet.application.CheckInterval;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class DeadlockLivenessTest {
  private static final CheckInterval EVERY_TIME =
      new CheckInterval(Duration.ZERO, Clock.systemUTC());

  @Test
  void upWhileNoThreadIsDeadlocked() {
    HealthResult result = result(new DeadlockLiveness(EVERY_TIME));
    assertThat(result.getName()).isEqualTo(DeadlockLiveness.NAME);
    assertThat(result.getStatus()).isEqualTo(HealthStatus.UP);
  }

  /** Two threads that each hold the lock the other waits for: DOWN, saying how many, not which. */
  @Test
  void downWhileTwoThreadsAreDeadlockedAndUpOnceTheyAreNot() throws Exception {
    DeadlockLiveness liveness = new DeadlockLiveness(EVERY_TIME);
    ReentrantLock a = new ReentrantLock();
    ReentrantLock b = new ReentrantLock();
    CountDownLatch bothHeld = new CountDownLatch(2);
    Thread first = Thread.ofPlatform().daemon().start(() -> holdThenTake(a, b, bothHeld));
    Thread second = Thread.ofPlatform().daemon().start(() -> holdThenTake(b, a, bothHeld));
    try {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      while (threads.findDeadlockedThreads() == null) Thread.sleep(5);

      HealthResult down = result(liveness);
      assertThat(down.getStatus()).isEqualTo(HealthStatus.DOWN);
      assertThat(down.getDetails()).isEqualTo(Map.of("threads", 2));
    } finally {
      first.interrupt();
      second.interrupt();
      first.join();
      second.join();
    }
    assertThat(result(liveness).getStatus()).isEqualTo(HealthStatus.UP);
  }

  /** However many ask within the interval, the JVM is asked once (each time is a safepoint). */
  @Test
  void checksAtMostOncePerInterval() {
    AtomicInteger checks = new AtomicInteger();
    ThreadMXBean counting =
        (ThreadMXBean)
            Proxy.newProxyInstance(
                ThreadMXBean.class.getClassLoader(),
                new Class<?>[] {ThreadMXBean.class},
                (proxy, method, args) -> {
                  if (!method.getName().equals("findDeadlockedThreads")) {
                    throw new UnsupportedOperationException(method.getName());
                  }
                  checks.incrementAndGet();
                  return null;
                });
    Clock now = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);
    DeadlockLiveness liveness =
        new DeadlockLiveness(counting, new CheckInterval(Duration.ofSeconds(1), now));

    for (int i = 0; i < 100; i++) {
      assertThat(result(liveness).getStatus()).isEqualTo(HealthStatus.UP);
    }
    assertThat(checks).hasValue(1);
  }

  private static HealthResult result(DeadlockLiveness liveness) {
    return Mono.from(liveness.getResult()).block();
  }

  private static void holdThenTake(ReentrantLock held, ReentrantLock wanted, CountDownLatch both) {
    held.lock();
    try {
      both.countDown();
      both.await();
      wanted.lockInterruptibly();
      wanted.unlock();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      held.unlock();
    }
  }
}
