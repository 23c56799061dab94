package io.signet.application.fake;

import io.signet.application.port.KeyVersions;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link KeyVersions} in memory, one lock for all. Passes {@code KeyVersionsContract}. */
public final class InMemoryKeyVersions implements KeyVersions {
  private final Map<KeyName, KeyVersion> versions = new HashMap<>();
  private final Map<KeyName, Instant> claims = new HashMap<>();
  private final Map<TenantId, List<Instant>> creations = new HashMap<>();
  private final Clock clock;

  public InMemoryKeyVersions() {
    this(Clock.systemUTC());
  }

  /** With {@code clock} as the store's own clock (claims are dated by it, as in the database). */
  public InMemoryKeyVersions(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Optional<KeyVersion> find(KeyName name) {
    return Optional.ofNullable(versions.get(name));
  }

  @Override
  public synchronized Optional<KeyVersion> active(TenantId tenant, Algorithm algorithm) {
    return versions.values().stream()
        .filter(v -> v.name().tenant().equals(tenant) && v.name().algorithm() == algorithm)
        .filter(v -> v.status() == KeyStatus.ACTIVE)
        .findFirst();
  }

  @Override
  public synchronized List<KeyVersion> list(
      TenantId tenant, Algorithm algorithm, KeyStatus status) {
    return versions.values().stream()
        .filter(v -> v.name().tenant().equals(tenant))
        .filter(v -> algorithm == null || v.name().algorithm() == algorithm)
        .filter(v -> status == null || v.status() == status)
        .sorted(
            Comparator.comparing((KeyVersion v) -> v.name().algorithm().shortName())
                .thenComparingInt(v -> v.name().version()))
        .toList();
  }

  @Override
  public synchronized int latestVersion(TenantId tenant, Algorithm algorithm) {
    return versions.keySet().stream()
        .filter(n -> n.tenant().equals(tenant) && n.algorithm() == algorithm)
        .mapToInt(KeyName::version)
        .max()
        .orElse(0);
  }

  @Override
  public synchronized void claim(KeyName name, Instant at) {
    if (versions.containsKey(name) || claims.containsKey(name)) {
      throw new SignetException.Conflict("version " + name.version() + " is being created; retry");
    }
    claims.put(name, clock.instant());
  }

  /**
   * As the database does: the tenant's creations that have left the window are forgotten, the rest
   * counted, and the claim recorded as a creation that no release removes.
   */
  @Override
  public synchronized void claimWithinQuota(KeyName name, Instant at, KeyQuota quota) {
    TenantId tenant = name.tenant();
    List<Instant> created = creations.computeIfAbsent(tenant, t -> new ArrayList<>());
    created.removeIf(time -> !time.isAfter(at.minus(KeyQuota.WINDOW)));
    int pending = (int) claims.keySet().stream().filter(n -> n.tenant().equals(tenant)).count();
    int live =
        (int)
            versions.values().stream()
                .filter(v -> v.name().tenant().equals(tenant))
                .filter(v -> v.status() != KeyStatus.ARCHIVED)
                .count();
    quota.requireRoomForOneMore(new KeyQuota.Usage(live + pending, created), at);
    claim(name, at);
    created.add(at);
  }

  @Override
  public synchronized void release(KeyName name) {
    claims.remove(name);
  }

  @Override
  public synchronized List<KeyName> releaseClaimsOlderThan(Duration age) {
    Instant cutoff = clock.instant().minus(age);
    List<KeyName> stale = new ArrayList<>();
    claims.forEach(
        (name, at) -> {
          if (at.isBefore(cutoff)) stale.add(name);
        });
    stale.forEach(claims::remove);
    return stale;
  }

  @Override
  public synchronized Ownership ownership(KeyName name) {
    KeyVersion stored = versions.get(name);
    if (stored != null) {
      return stored.status() == KeyStatus.ARCHIVED ? Ownership.ARCHIVED : Ownership.LIVE;
    }
    return claims.containsKey(name) ? Ownership.CLAIMED : Ownership.UNOWNED;
  }

  @Override
  public synchronized Set<KeyName> activeAmong(Set<KeyName> names) {
    Set<KeyName> active = new HashSet<>();
    for (KeyName name : names) {
      KeyVersion v = versions.get(name);
      if (v != null && v.status() == KeyStatus.ACTIVE) active.add(name);
    }
    return active;
  }

  @Override
  public synchronized List<KeyVersion> sealedVersions() {
    return versions.values().stream()
        .filter(v -> v.status() != KeyStatus.ARCHIVED && v.sealedPrivateKey() != null)
        .toList();
  }

  @Override
  public synchronized boolean replaceSealedKey(KeyName name, Bytes expected, Bytes replacement) {
    KeyVersion v = versions.get(name);
    if (v == null || v.status() == KeyStatus.ARCHIVED || !expected.equals(v.sealedPrivateKey())) {
      return false;
    }
    versions.put(
        name,
        new KeyVersion(
            name,
            v.status(),
            v.publicKey(),
            v.protection(),
            replacement,
            v.createdAt(),
            v.retiredAt(),
            v.archivedAt()));
    return true;
  }

  @Override
  public synchronized void activate(KeyVersion created, KeyVersion retired) {
    if (versions.containsKey(created.name())) throw new SignetException.Conflict("version exists");
    if (retired != null) requireStatus(retired.name(), KeyStatus.ACTIVE);
    boolean otherActive =
        versions.values().stream()
            .anyMatch(
                v ->
                    v.status() == KeyStatus.ACTIVE
                        && v.name().tenant().equals(created.name().tenant())
                        && v.name().algorithm() == created.name().algorithm()
                        && (retired == null || !v.name().equals(retired.name())));
    if (otherActive)
      throw new SignetException.Conflict("another version became active concurrently");
    if (retired != null) versions.put(retired.name(), retired);
    versions.put(created.name(), created);
    claims.remove(created.name());
  }

  @Override
  public synchronized void transition(KeyVersion before, KeyVersion after) {
    requireStatus(after.name(), before.status());
    versions.put(after.name(), after);
  }

  private void requireStatus(KeyName name, KeyStatus expected) {
    KeyVersion stored = versions.get(name);
    if (stored == null || stored.status() != expected) {
      throw new SignetException.Conflict(
          "key version " + name.version() + " is no longer " + expected.wireName());
    }
  }
}
