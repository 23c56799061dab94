package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.contract.DecryptedKeysContract;
import io.signet.application.port.DecryptedKeys;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DecryptedKeyCacheTest extends DecryptedKeysContract {
  private static final UnsealedMlDsaKey KEY = key();
  private final DecryptedKeyCache cache =
      new DecryptedKeyCache(true, 100, Duration.ofMinutes(10), Duration.ofMinutes(10));

  private static UnsealedMlDsaKey key() {
    try {
      return MlDsaFixtures.unsealed(MlDsa65Scheme.generateKeyPair());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyName anyName() {
    return new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 1);
  }

  @Override
  protected DecryptedKeys keys() {
    return cache;
  }

  @Override
  protected void decrypt(KeyName name) {
    cache.get(name, n -> KEY);
  }

  @Test
  void concurrentSignersOfOneVersionUnsealItOnce() throws Exception {
    KeyName name = anyName();
    AtomicInteger unseals = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<UnsealedMlDsaKey>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return cache.get(
                      name,
                      n -> {
                        unseals.incrementAndGet();
                        sleep(200);
                        return KEY;
                      });
                }));
      }
      start.countDown();
      for (Future<UnsealedMlDsaKey> f : results)
        assertThat(f.get(30, TimeUnit.SECONDS)).isSameAs(KEY);
    } finally {
      pool.shutdownNow();
    }
    assertThat(unseals).hasValue(1);
  }

  @Test
  void anEvictionDuringALoadLeavesNothingBehind() throws Exception {
    KeyName name = anyName();
    CountDownLatch loading = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<UnsealedMlDsaKey> load =
          pool.submit(
              () ->
                  cache.get(
                      name,
                      n -> {
                        loading.countDown();
                        sleep(300);
                        return KEY;
                      }));
      assertThat(loading.await(30, TimeUnit.SECONDS)).isTrue();
      Future<?> evict = pool.submit(() -> cache.evict(name));
      evict.get(30, TimeUnit.SECONDS);
      load.get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.held()).as("the eviction waited for the load, then removed it").isEmpty();
    AtomicInteger unseals = new AtomicInteger();
    cache.get(
        name,
        n -> {
          unseals.incrementAndGet();
          return KEY;
        });
    assertThat(unseals).as("evicted: unsealed again").hasValue(1);
  }

  @Test
  void idleKeysLeaveTheCacheWithoutBeingTouched() throws Exception {
    DecryptedKeyCache shortLived =
        new DecryptedKeyCache(true, 100, Duration.ofMinutes(10), Duration.ofMillis(200));
    KeyName name = anyName();
    shortLived.get(name, n -> KEY);
    assertThat(shortLived.held()).contains(name);
    Instant deadline = Instant.now().plusSeconds(20);
    while (!shortLived.held().isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThat(shortLived.held()).as("the scheduler removed the idle key").isEmpty();
  }

  @Test
  void switchedOffItUnsealsEveryTime() {
    DecryptedKeyCache off =
        new DecryptedKeyCache(false, 100, Duration.ofMinutes(10), Duration.ofMinutes(10));
    AtomicInteger unseals = new AtomicInteger();
    KeyName name = anyName();
    for (int i = 0; i < 3; i++) {
      off.get(
          name,
          n -> {
            unseals.incrementAndGet();
            return KEY;
          });
    }
    assertThat(unseals).hasValue(3);
    assertThat(off.held()).isEmpty();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
