package io.signet.adapter.persistence;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** The one way the persistence caches are built, from {@link CacheSettings}. */
final class Caches {
  private Caches() {}

  /**
   * A cache whose entries live at most the settings' time to live. Caffeine computes a missing
   * entry under the key's lock and an eviction of that key waits for it, so a read that began
   * before a change committed cannot outlive the change's notification in the cache.
   */
  static <K, V> Cache<K, V> build(CacheSettings settings) {
    return Caffeine.newBuilder()
        .expireAfterWrite(settings.ttl())
        .maximumSize(settings.maximumSize())
        .build();
  }
}
