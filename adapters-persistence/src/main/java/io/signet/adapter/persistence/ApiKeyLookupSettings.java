package io.signet.adapter.persistence;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * How many API-key lookups per second this instance lets reach the database for ids it has never
 * seen exist ({@link CachedApiKeys}), all callers together: the bound DESIGN §8 sets on what
 * requests with made-up keys can cost. 200 per second is far more than legitimate first uses of
 * keys need (every key an instance has once found is reread freely) and a small load for PostgreSQL
 * (a primary-key read each); the burst, 2 s worth, absorbs a restart, when every client's key is
 * new to the instance at once.
 *
 * @param lookupsPerSecond refill rate of the budget
 * @param lookupBurst the most lookups that can pass at once
 */
@ConfigurationProperties("signet.api-keys")
record ApiKeyLookupSettings(
    @Bindable(defaultValue = "200") long lookupsPerSecond,
    @Bindable(defaultValue = "400") long lookupBurst) {}
