package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LookupCacheTest {
  private final AtomicInteger lookups = new AtomicInteger();

  private LookupCache<String, String> cache(boolean enabled, Duration ttl) {
    return new LookupCache<>(
        new CacheSettings(enabled, ttl, 100, Duration.ofMillis(200)),
        key -> {
          lookups.incrementAndGet();
          return key.startsWith("known") ? Optional.of("found " + key) : Optional.empty();
        });
  }

  @Test
  void looksUpAKeyOnceUntilItIsEvicted() {
    LookupCache<String, String> cache = cache(true, Duration.ofHours(1));
    assertThat(cache.get("known-1")).contains("found known-1");
    assertThat(cache.get("known-1")).contains("found known-1");
    assertThat(lookups).hasValue(1);

    cache.evict("known-1");
    assertThat(cache.get("known-1")).contains("found known-1");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void remembersAbsenceUntilEvictedOrCleared() {
    LookupCache<String, String> cache = cache(true, Duration.ofHours(1));
    assertThat(cache.get("unknown")).isEmpty();
    assertThat(cache.get("unknown")).isEmpty();
    assertThat(lookups).hasValue(1);

    cache.clear();
    assertThat(cache.get("unknown")).isEmpty();
    assertThat(lookups).hasValue(2);
  }

  @Test
  void looksUpAgainOnceTheTimeToLiveHasPassed() throws InterruptedException {
    LookupCache<String, String> cache = cache(true, Duration.ofMillis(20));
    cache.get("known-2");
    Thread.sleep(100);
    cache.get("known-2");
    assertThat(lookups).hasValue(2);
  }

  @Test
  void looksUpEveryTimeWhenDisabled() {
    LookupCache<String, String> cache = cache(false, Duration.ofHours(1));
    cache.get("known-3");
    cache.get("known-3");
    assertThat(lookups).hasValue(2);
  }
}
