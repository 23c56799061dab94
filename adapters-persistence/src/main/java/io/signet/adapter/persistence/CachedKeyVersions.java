package io.signet.adapter.persistence;

import io.micronaut.context.annotation.Primary;
import io.signet.application.port.KeyVersions;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link KeyVersions} that answers {@link #find} for a known version from memory: signing or
 * verifying with a named version costs no database round trip to read it. Everything else reads and
 * writes the database as before. A version name not stored yet is remembered as absent until the
 * version is stored: {@link CacheInvalidation} evicts on every commit that changes a version, on
 * every instance, so a retired or archived version stops signing everywhere at once.
 */
@Singleton
@Primary
public final class CachedKeyVersions implements KeyVersions {
  private final JdbcKeyVersions store;
  private final LookupCache<KeyName, KeyVersion> byName;

  CachedKeyVersions(JdbcKeyVersions store, CacheSettings settings) {
    this.store = store;
    this.byName = new LookupCache<>(settings, store::find);
  }

  @Override
  public Optional<KeyVersion> find(KeyName name) {
    return byName.get(name);
  }

  @Override
  public Optional<KeyVersion> active(TenantId tenant, Algorithm algorithm) {
    return store.active(tenant, algorithm);
  }

  @Override
  public List<KeyVersion> list(TenantId tenant, Algorithm algorithm, KeyStatus status) {
    return store.list(tenant, algorithm, status);
  }

  @Override
  public int latestVersion(TenantId tenant, Algorithm algorithm) {
    return store.latestVersion(tenant, algorithm);
  }

  @Override
  public void claim(KeyName name, Instant at) {
    store.claim(name, at);
  }

  @Override
  public void claimWithinQuota(KeyName name, Instant at, KeyQuota quota) {
    store.claimWithinQuota(name, at, quota);
  }

  @Override
  public void release(KeyName name) {
    store.release(name);
  }

  @Override
  public List<KeyName> releaseClaimsOlderThan(Duration age) {
    return store.releaseClaimsOlderThan(age);
  }

  @Override
  public Ownership ownership(KeyName name) {
    return store.ownership(name);
  }

  @Override
  public Set<KeyName> activeAmong(Set<KeyName> names) {
    return store.activeAmong(names);
  }

  @Override
  public List<KeyVersion> sealedVersions() {
    return store.sealedVersions();
  }

  @Override
  public boolean replaceSealedKey(KeyName name, Bytes expected, Bytes replacement) {
    try {
      return store.replaceSealedKey(name, expected, replacement);
    } finally {
      evict(name);
    }
  }

  @Override
  public void activate(KeyVersion created, KeyVersion retired) {
    try {
      store.activate(created, retired);
    } finally {
      evict(created.name());
      if (retired != null) evict(retired.name());
    }
  }

  @Override
  public void transition(KeyVersion before, KeyVersion after) {
    try {
      store.transition(before, after);
    } finally {
      evict(after.name());
    }
  }

  void evict(KeyName name) {
    byName.evict(name);
  }

  void clear() {
    byName.clear();
  }
}
