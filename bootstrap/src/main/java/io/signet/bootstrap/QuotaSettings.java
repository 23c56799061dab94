package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import io.signet.application.StartupFailure;
import io.signet.domain.key.KeyQuota;

/**
 * A tenant's key-version quotas (DESIGN §8): the live versions whoever creates them (the tenant
 * API, the operator API, a key policy), the daily creations through the tenant's own API keys.
 *
 * <p>Defaults: 100 live versions is far above what a tenant needs (six algorithms, each with its
 * active version and the retired ones still verifying old signatures) yet keeps a tenant from
 * filling the HSM token, whose object store is small and shared by all tenants; 50 creations per
 * rolling 24 hours lets a tenant rotate every key several times a day (and recover from mistakes)
 * but bounds how fast it can churn the HSM's key generation, which is costly (an RSA-3072 key pair
 * takes the token hundreds of milliseconds) and leaves objects behind until archived.
 *
 * @param liveVersions most versions a tenant may have that are not archived (active + retired, all
 *     algorithms); over it, generate and rotate are 409 ERR_CONFLICT_001
 * @param rotationsPerDay most creations a tenant may start with its API keys (generate and rotate)
 *     in any rolling 24 hours, every creation that claimed a version counting, stored or abandoned;
 *     over it, 429 ERR_RATE_LIMIT_001 with {@code Retry-After}
 */
@ConfigurationProperties("signet.quota")
record QuotaSettings(
    @Bindable(defaultValue = "100") int liveVersions,
    @Bindable(defaultValue = "50") int rotationsPerDay) {

  QuotaSettings {
    if (liveVersions < 1) {
      throw new StartupFailure(
          "signet.quota.live-versions (SIGNET_QUOTA_LIVE_VERSIONS) must be at least 1: "
              + liveVersions);
    }
    if (rotationsPerDay < 1) {
      throw new StartupFailure(
          "signet.quota.rotations-per-day (SIGNET_QUOTA_ROTATIONS_PER_DAY) must be at least 1: "
              + rotationsPerDay);
    }
  }

  KeyQuota quota() {
    return new KeyQuota(liveVersions, rotationsPerDay);
  }
}
