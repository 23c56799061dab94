package io.signet.adapter.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
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
    @Bindable(defaultValue = "200ms") Duration reconnectDelay) {}
