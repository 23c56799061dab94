package io.signet.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.Function;

/**
 * A store's lookup by key, remembered for at most {@link CacheSettings#ttl()}, absent results
 * included; or not remembered at all when the caches are disabled. The one place the caches of
 * {@link CachedApiKeys} and {@link CachedKeyVersions} are built and read.
 *
 * <p>Caffeine loads a missing entry under the key's lock and an eviction of that key waits for the
 * load, so a read that began before a change committed cannot outlive the change's eviction.
 */
final class LookupCache<K, V> {
  private final Cache<K, Optional<V>> cache;
  private final Function<K, Optional<V>> lookup;
  private final boolean enabled;

  LookupCache(CacheSettings settings, Function<K, Optional<V>> lookup) {
    this.cache =
        Caffeine.newBuilder()
            .expireAfterWrite(settings.ttl())
            .maximumSize(settings.maximumSize())
            .build();
    this.lookup = lookup;
    this.enabled = settings.enabled();
  }

  Optional<V> get(K key) {
    return enabled ? cache.get(key, lookup) : lookup.apply(key);
  }

  void evict(K key) {
    cache.invalidate(key);
  }

  void clear() {
    cache.invalidateAll();
  }
}
