package io.signet.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micronaut.context.annotation.Primary;
import io.signet.application.InstanceBudget;
import io.signet.application.port.ApiKeys;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link ApiKeys} that answers {@link #find} for a known key from memory: authenticating a request
 * costs no database round trip. Keyed by the key id, holding what the database holds (the hash of
 * the secret, never the secret). An unknown id is remembered as unknown too, and forgotten as soon
 * as a key with that id is stored, like every other change: {@link CacheInvalidation} evicts on
 * commit, on every instance.
 *
 * <p>Every id is new to a flood of made-up keys, so the cache alone does not bound what one costs
 * (DESIGN §8): a read of the database for an id this instance has never seen exist is charged to
 * one budget for all callers ({@link ApiKeyLookupSettings}), and refused with {@link
 * SignetException.RateLimited} without reading when it is spent. An id once found is remembered as
 * existing (keys are revoked, never deleted) and reread without charge when its entry expires or is
 * evicted, so a flood cannot lock out the keys in use: at worst a key's first use on an instance
 * waits for the budget.
 */
@Singleton
@Primary
public final class CachedApiKeys implements ApiKeys {
  private final ApiKeys store;
  private final LookupCache<ApiKeyId, ApiKey> byId;
  private final Cache<ApiKeyId, Boolean> existing;
  private final InstanceBudget unknownIdReads;

  // The budget runs on the system clock: this adapter is built without the use cases' wiring (its
  // own tests), and the budget needs no time the rest of the service shares.
  @Inject
  CachedApiKeys(JdbcApiKeys store, CacheSettings settings, ApiKeyLookupSettings lookups) {
    this(
        store,
        settings,
        new InstanceBudget(lookups.lookupsPerSecond(), lookups.lookupBurst(), Clock.systemUTC()));
  }

  CachedApiKeys(ApiKeys store, CacheSettings settings, InstanceBudget unknownIdReads) {
    this.store = store;
    this.byId = new LookupCache<>(settings, this::read);
    this.existing = Caffeine.newBuilder().maximumSize(settings.maximumSize()).build();
    this.unknownIdReads = unknownIdReads;
  }

  @Override
  public void add(ApiKey key) {
    try {
      store.add(key);
      existing.put(key.id(), Boolean.TRUE);
    } finally {
      evict(key.id());
    }
  }

  @Override
  public Optional<ApiKey> find(ApiKeyId id) {
    return byId.get(id);
  }

  /** The one read of the store behind {@link #find}: a miss of the cache. */
  private Optional<ApiKey> read(ApiKeyId id) {
    if (existing.getIfPresent(id) == null) unknownIdReads.charge();
    Optional<ApiKey> key = store.find(id);
    if (key.isPresent()) existing.put(id, Boolean.TRUE);
    return key;
  }

  @Override
  public void revoke(ApiKeyId id, Instant at) {
    try {
      store.revoke(id, at);
    } finally {
      evict(id);
    }
  }

  void evict(ApiKeyId id) {
    byId.evict(id);
  }

  void clear() {
    byId.clear();
  }
}
