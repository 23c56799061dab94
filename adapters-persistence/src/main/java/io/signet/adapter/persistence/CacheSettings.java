package io.signet.adapter.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.signet.application.StartupFailure;
import java.time.Duration;

/**
 * The caches of API keys and key versions ({@link CachedApiKeys}, {@link CachedKeyVersions}).
 * Entries are evicted on every instance when the change commits (PostgreSQL notifications, {@link
 * CacheInvalidation}); the time to live is only the safety net for a notification that could not be
 * delivered, and so the longest a revoked key or retired version could still be honoured.
 *
 * @param enabled false reads every key and version from the database (for comparison)
 * @param ttl how long an entry is used before it is read again, whatever happens
 * @param maximumSize entries per cache at most (least recently used leave first)
 * @param reconnectDelay the pause before the listener reconnects after losing its connection
 */
@ConfigurationProperties("signet.cache")
public record CacheSettings(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "1s") Duration ttl,
    @Bindable(defaultValue = "100000") long maximumSize,
    @Bindable(defaultValue = "200ms") Duration reconnectDelay) {
  public CacheSettings {
    if (enabled && !ttl.isPositive()) {
      throw new StartupFailure("signet.cache.ttl (SIGNET_CACHE_TTL) must be positive: " + ttl);
    }
    if (maximumSize < 1) {
      throw new StartupFailure(
          "signet.cache.maximum-size (SIGNET_CACHE_MAXIMUM_SIZE) must be at least 1: "
              + maximumSize);
    }
    // A negative pause is no pause: the listener would retry in a tight loop while the database
    // is down.
    if (reconnectDelay.isNegative()) {
      throw new StartupFailure(
          "signet.cache.reconnect-delay (SIGNET_CACHE_RECONNECT_DELAY) must not be negative: "
              + reconnectDelay);
    }
  }
}
