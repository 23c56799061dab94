package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.InstanceBudget;
import io.signet.application.fake.InMemoryApiKeys;
import io.signet.application.port.ApiKeys;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.ApiKeyToken;
import io.signet.domain.access.Scope;
import io.signet.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Reads of the store for ids never seen are bounded by one budget; keys in use are not. */
class CachedApiKeysTest {
  private static final int BUDGET = 5;
  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
  // A clock that stands still: the budget never refills during a test.
  private final InstanceBudget budget =
      new InstanceBudget(BUDGET, BUDGET, Clock.fixed(T0, ZoneOffset.UTC));
  private final CountingApiKeys store = new CountingApiKeys();

  @Test
  void refusesMadeUpIdsBeyondTheBudgetWithoutReadingTheStoreWhileAKnownKeyStillPasses() {
    ApiKeys keys = new CachedApiKeys(store, cacheOn(), budget);
    ApiKey known = aKey();
    store.add(known); // stored elsewhere: new to this instance
    assertThat(keys.find(known.id())).contains(known);

    int refused = 0;
    for (int i = 0; i < 50; i++) {
      try {
        assertThat(keys.find(ApiKeyId.random())).isEmpty();
      } catch (SignetException.RateLimited limited) {
        assertThat(limited.retryAfter()).isPositive();
        refused++;
      }
      assertThat(keys.find(known.id())).contains(known);
    }

    assertThat(store.reads()).isEqualTo(BUDGET);
    assertThat(refused).isEqualTo(50 - (BUDGET - 1));
  }

  @Test
  void rereadsAKeyItHasSeenWithoutChargeWhenItsEntryIsGone() {
    // No cache: every lookup reads the store, as after an entry expired or was evicted.
    ApiKeys keys = new CachedApiKeys(store, cacheOff(), budget);
    ApiKey known = aKey();
    keys.add(known);
    for (int i = 0; i < BUDGET; i++) keys.find(ApiKeyId.random());
    assertThatThrownBy(() -> keys.find(ApiKeyId.random()))
        .isInstanceOf(SignetException.RateLimited.class);

    for (int i = 0; i < 3 * BUDGET; i++) assertThat(keys.find(known.id())).contains(known);
  }

  @Test
  void remembersAMadeUpIdAsUnknownWithoutChargingItAgain() {
    ApiKeys keys = new CachedApiKeys(store, cacheOn(), budget);
    ApiKeyId madeUp = ApiKeyId.random();
    for (int i = 0; i < 3 * BUDGET; i++) assertThat(keys.find(madeUp)).isEmpty();
    assertThat(store.reads()).isEqualTo(1);
  }

  private static CacheSettings cacheOn() {
    return new CacheSettings(true, Duration.ofMinutes(1), 1000, Duration.ofMillis(200));
  }

  private static CacheSettings cacheOff() {
    return new CacheSettings(false, Duration.ofMinutes(1), 1000, Duration.ofMillis(200));
  }

  private static ApiKey aKey() {
    ApiKeyToken token = ApiKeyToken.issue(ApiKeyId.random(), new SecureRandom());
    return new ApiKey(
        token.id(), TenantId.random(), "ci", EnumSet.of(Scope.SIGN), token.secretHash(), T0, null);
  }

  /** The store, counting its reads. */
  private static final class CountingApiKeys implements ApiKeys {
    private final InMemoryApiKeys keys = new InMemoryApiKeys();
    private final AtomicInteger reads = new AtomicInteger();

    @Override
    public void add(ApiKey key) {
      keys.add(key);
    }

    @Override
    public Optional<ApiKey> find(ApiKeyId id) {
      reads.incrementAndGet();
      return keys.find(id);
    }

    @Override
    public void revoke(ApiKeyId id, Instant at) {
      keys.revoke(id, at);
    }

    int reads() {
      return reads.get();
    }
  }
}
