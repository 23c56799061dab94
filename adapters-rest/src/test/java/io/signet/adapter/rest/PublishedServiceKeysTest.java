package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.ListServiceKeys;
import io.signet.application.fake.InMemoryServiceKeys;
import io.signet.application.fake.SettableClock;
import io.signet.application.port.ServiceKeys;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Protection;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PublishedServiceKeysTest {
  private final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T10:00:00Z"));
  private final InMemoryServiceKeys stored = new InMemoryServiceKeys();
  private final AtomicInteger reads = new AtomicInteger();
  private volatile boolean databaseDown;
  private volatile CountDownLatch readStarted = new CountDownLatch(0);
  private volatile CountDownLatch releaseRead = new CountDownLatch(0);
  private final PublishedServiceKeys published =
      new PublishedServiceKeys(new ListServiceKeys(database()), clock);

  /** The in-memory store, with {@code all()} counted and, on demand, failing or held. */
  private ServiceKeys database() {
    return (ServiceKeys)
        Proxy.newProxyInstance(
            ServiceKeys.class.getClassLoader(),
            new Class<?>[] {ServiceKeys.class},
            (proxy, method, args) -> {
              if (method.getName().equals("all")) {
                reads.incrementAndGet();
                readStarted.countDown();
                releaseRead.await(10, TimeUnit.SECONDS);
                if (databaseDown)
                  throw new SignetException.Unavailable("database unavailable", null);
              }
              try {
                return method.invoke(stored, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void store(int version) {
    var name = new ServiceKeyName(ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256, version);
    assertThat(stored.claim(name, "test", clock.instant())).isTrue();
    var key =
        new ServiceKey(
            name,
            ServiceKey.Status.CURRENT,
            Bytes.of(new byte[] {1, 2, (byte) version}),
            "0x0" + version,
            Protection.HSM,
            null,
            clock.instant());
    assertThat(stored.complete(key, "test")).isTrue();
  }

  @Test
  void theDatabaseIsReadAtMostOnceASecond() {
    store(1);
    assertThat(published.all()).hasSize(1);
    published.all();
    clock.advance(Duration.ofMillis(900));
    published.all();
    assertThat(reads).hasValue(1);
    clock.advance(Duration.ofMillis(200));
    published.all();
    assertThat(reads).hasValue(2);
  }

  @Test
  void keysOnceReadAreServedWhileTheDatabaseDoesNotAnswer() {
    store(1);
    assertThat(published.all()).hasSize(1);
    databaseDown = true;
    clock.advance(Duration.ofSeconds(2));
    assertThat(published.all()).extracting(ServiceKey::address).containsExactly("0x01");
    assertThat(reads).hasValue(2);
    // A failed read counts as a read: the next try is a second later, not on every request.
    published.all();
    assertThat(reads).hasValue(2);
    databaseDown = false;
    store(2);
    clock.advance(Duration.ofSeconds(2));
    assertThat(published.all())
        .extracting(ServiceKey::address)
        .containsExactlyInAnyOrder("0x01", "0x02");
  }

  @Test
  void keysNeverReadFailWithTheDatabase() {
    store(1);
    databaseDown = true;
    assertThatThrownBy(published::all).isInstanceOf(SignetException.Unavailable.class);
    databaseDown = false;
    assertThat(published.all()).hasSize(1);
  }

  @Test
  void whileOneCallerRereadsTheOthersGetTheKeysLastRead() throws Exception {
    store(1);
    published.all();
    clock.advance(Duration.ofSeconds(2));
    readStarted = new CountDownLatch(1);
    releaseRead = new CountDownLatch(1);
    Thread slow = Thread.ofVirtual().start(published::all);
    assertThat(readStarted.await(10, TimeUnit.SECONDS)).isTrue();
    // Not waiting for the held read (which waits up to 10 s for the release below).
    assertThat(CompletableFuture.supplyAsync(published::all).get(2, TimeUnit.SECONDS)).hasSize(1);
    assertThat(reads).hasValue(2);
    releaseRead.countDown();
    slow.join(10_000);
    assertThat(slow.isAlive()).isFalse();
  }

  @Test
  void afterForgetTheNextCallerReadsTheDatabase() {
    store(1);
    published.all();
    store(2);
    published.forget();
    assertThat(published.all()).hasSize(2);
    assertThat(reads).hasValue(2);
  }
}
