package io.signet.adapter.persistence;

import io.micronaut.context.annotation.Primary;
import io.signet.application.port.ApiKeys;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link ApiKeys} that answers {@link #find} for a known key from memory: authenticating a request
 * costs no database round trip. Keyed by the key id, holding what the database holds (the hash of
 * the secret, never the secret). An unknown id is remembered as unknown too (a flood of made-up ids
 * then costs one read each per time to live), and forgotten as soon as a key with that id is
 * stored, like every other change: {@link CacheInvalidation} evicts on commit, on every instance.
 */
@Singleton
@Primary
public final class CachedApiKeys implements ApiKeys {
  private final JdbcApiKeys store;
  private final LookupCache<ApiKeyId, ApiKey> byId;

  CachedApiKeys(JdbcApiKeys store, CacheSettings settings) {
    this.store = store;
    this.byId = new LookupCache<>(settings, store::find);
  }

  @Override
  public void add(ApiKey key) {
    try {
      store.add(key);
    } finally {
      evict(key.id());
    }
  }

  @Override
  public Optional<ApiKey> find(ApiKeyId id) {
    return byId.get(id);
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
