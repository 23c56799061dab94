package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.port.KeyVersions;
import io.signet.application.port.Tenants;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link KeyVersions} must do, the database-enforced invariants included. */
public abstract class KeyVersionsContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
  private TenantId tenant;

  protected abstract KeyVersions versions();

  protected abstract Tenants tenants();

  @BeforeEach
  void createOwner() {
    tenant = TenantId.random();
    tenants().add(new Tenant(tenant, "owner", Plan.STANDARD, T0));
  }

  private KeyName name(int version) {
    return new KeyName(tenant, Algorithm.DILITHIUM3, version);
  }

  private KeyVersion mint(int version, KeyVersion retiring) {
    KeyName name = name(version);
    versions().claim(name, T0);
    KeyVersion created =
        KeyVersion.activated(
            name,
            Bytes.of(new byte[] {(byte) version}),
            Protection.HSM_WRAPPED,
            Bytes.of(new byte[] {1, 9, 9}),
            T0);
    versions()
        .activate(created, retiring == null ? null : retiring.retire(T0.plusSeconds(version)));
    return created;
  }

  /** Creates the next version at {@code at} through the quota, as minting does. */
  private KeyVersion mintWithin(KeyQuota quota, int version, KeyVersion retiring, Instant at) {
    KeyName name = name(version);
    versions().claimWithinQuota(name, at, quota);
    KeyVersion created =
        KeyVersion.activated(
            name, Bytes.of(new byte[] {(byte) version}), Protection.HSM_WRAPPED, null, at);
    versions().activate(created, retiring == null ? null : retiring.retire(at));
    return created;
  }

  @Test
  void refusesAClaimOverTheLiveVersionQuotaUntilAVersionIsArchived() {
    KeyQuota quota = new KeyQuota(2, 10);
    KeyVersion v1 = mintWithin(quota, 1, null, T0);
    KeyVersion v2 = mintWithin(quota, 2, v1, T0.plusSeconds(1));
    assertThatThrownBy(() -> versions().claimWithinQuota(name(3), T0.plusSeconds(2), quota))
        .isInstanceOfSatisfying(
            SignetException.Conflict.class, c -> assertThat(c.quotaExceeded()).isTrue());
    assertThat(versions().ownership(name(3)))
        .as("a refusal stores no claim")
        .isEqualTo(KeyVersions.Ownership.UNOWNED);
    KeyVersion retired = versions().find(v1.name()).orElseThrow();
    versions().transition(retired, retired.archive(T0.plusSeconds(3)));
    mintWithin(quota, 3, v2, T0.plusSeconds(4));
    assertThat(versions().list(tenant, null, null)).hasSize(3);
  }

  @Test
  void claimsInProgressCountAgainstTheQuota() {
    KeyQuota quota = new KeyQuota(1, 10);
    versions().claimWithinQuota(name(1), T0, quota);
    KeyName other = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
    assertThatThrownBy(() -> versions().claimWithinQuota(other, T0, quota))
        .isInstanceOf(SignetException.Conflict.class);
    versions().release(name(1));
    versions().claimWithinQuota(other, T0, quota);
    assertThat(versions().ownership(other)).isEqualTo(KeyVersions.Ownership.CLAIMED);
  }

  @Test
  void claimsInProgressCountAsCreationsOfTheDay() {
    KeyQuota quota = new KeyQuota(10, 2);
    versions().claimWithinQuota(name(1), T0, quota);
    KeyName second = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
    versions().claimWithinQuota(second, T0, quota);
    KeyName third = new KeyName(tenant, Algorithm.ECDSA_P256, 1);
    assertThatThrownBy(() -> versions().claimWithinQuota(third, T0, quota))
        .as("two creations in progress fill a day of two")
        .isInstanceOf(SignetException.RateLimited.class);
    assertThat(versions().ownership(third)).isEqualTo(KeyVersions.Ownership.UNOWNED);
  }

  @Test
  void refusesACreationOverTheDailyQuotaUntilTheOldestLeavesTheWindow() {
    KeyQuota quota = new KeyQuota(10, 2);
    KeyVersion v1 = mintWithin(quota, 1, null, T0);
    mintWithin(quota, 2, v1, T0.plus(Duration.ofHours(1)));
    Instant later = T0.plus(Duration.ofHours(2));
    assertThatThrownBy(() -> versions().claimWithinQuota(name(3), later, quota))
        .isInstanceOfSatisfying(
            SignetException.RateLimited.class,
            r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(22)));
    assertThat(versions().ownership(name(3))).isEqualTo(KeyVersions.Ownership.UNOWNED);
    versions().claimWithinQuota(name(3), T0.plus(KeyQuota.WINDOW), quota);
    assertThat(versions().ownership(name(3))).isEqualTo(KeyVersions.Ownership.CLAIMED);
  }

  @Test
  void archivedVersionsStillCountAsCreationsOfTheDay() {
    KeyQuota quota = new KeyQuota(10, 2);
    KeyVersion v1 = mintWithin(quota, 1, null, T0);
    KeyVersion v2 = mintWithin(quota, 2, v1, T0.plusSeconds(1));
    KeyVersion retired = versions().find(v1.name()).orElseThrow();
    versions().transition(retired, retired.archive(T0.plusSeconds(2)));
    assertThatThrownBy(() -> versions().claimWithinQuota(name(3), T0.plusSeconds(3), quota))
        .isInstanceOf(SignetException.RateLimited.class);
    assertThat(versions().find(v2.name()).orElseThrow().status()).isEqualTo(KeyStatus.ACTIVE);
  }

  /**
   * A claim made through the quota is an attempt the HSM may have acted on (a rotation that lost a
   * race with a retire destroyed its fresh key and released its claim; an interrupted one is
   * released when stale): it counts toward the day whether or not its version was ever stored.
   */
  @Test
  void releasedClaimsStillCountAsCreationsOfTheDay() {
    KeyQuota quota = new KeyQuota(10, 3);
    versions().claimWithinQuota(name(1), T0, quota);
    versions().release(name(1));
    KeyName interrupted = new KeyName(tenant, Algorithm.ECDSA_P256, 1);
    versions().claimWithinQuota(interrupted, T0.plusSeconds(1), quota);
    assertThat(versions().releaseClaimsOlderThan(Duration.ZERO.minusSeconds(1)))
        .contains(interrupted);
    mintWithin(quota, 1, null, T0.plusSeconds(2));

    Instant later = T0.plus(Duration.ofHours(3));
    assertThatThrownBy(() -> versions().claimWithinQuota(name(2), later, quota))
        .as("two released claims and one stored version fill a day of three")
        .isInstanceOfSatisfying(
            SignetException.RateLimited.class,
            r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(21)));
    assertThat(versions().ownership(name(2))).isEqualTo(KeyVersions.Ownership.UNOWNED);
    versions().claimWithinQuota(name(2), T0.plus(KeyQuota.WINDOW), quota);
    assertThat(versions().ownership(name(2))).isEqualTo(KeyVersions.Ownership.CLAIMED);
  }

  @Test
  void creationsOutsideTheDailyLimitStillCountTowardIt() {
    KeyQuota quota = new KeyQuota(10, 2);
    KeyVersion v1 = mintWithin(quota.withoutDailyLimit(), 1, null, T0);
    versions().claimWithinQuota(name(2), T0.plusSeconds(1), quota.withoutDailyLimit());
    versions().release(name(2));
    mintWithin(quota.withoutDailyLimit(), 2, v1, T0.plusSeconds(2));
    assertThatThrownBy(() -> versions().claimWithinQuota(name(3), T0.plusSeconds(3), quota))
        .isInstanceOf(SignetException.RateLimited.class);
  }

  @Test
  void quotasArePerTenant() {
    KeyQuota quota = new KeyQuota(1, 1);
    mintWithin(quota, 1, null, T0);
    TenantId another = TenantId.random();
    tenants().add(new Tenant(another, "another", Plan.STANDARD, T0));
    KeyName theirs = new KeyName(another, Algorithm.DILITHIUM3, 1);
    versions().claimWithinQuota(theirs, T0, quota);
    assertThat(versions().ownership(theirs)).isEqualTo(KeyVersions.Ownership.CLAIMED);
  }

  @Test
  void ofConcurrentClaimsAtTheLimitOnlyOnePasses() throws Exception {
    KeyQuota quota = new KeyQuota(1, 10);
    int callers = 8;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Boolean>> outcomes = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
      for (int i = 1; i <= callers; i++) {
        KeyName name = name(i);
        Callable<Boolean> claim =
            () -> {
              go.await();
              try {
                versions().claimWithinQuota(name, T0, quota);
                return true;
              } catch (SignetException.Conflict refused) {
                assertThat(refused.quotaExceeded()).isTrue();
                return false;
              }
            };
        outcomes.add(pool.submit(claim));
      }
      go.countDown();
      int passed = 0;
      for (Future<Boolean> outcome : outcomes) {
        try {
          if (outcome.get()) passed++;
        } catch (ExecutionException e) {
          throw new AssertionError(e.getCause());
        }
      }
      assertThat(passed).as("claims that passed a quota of one").isEqualTo(1);
    }
  }

  @Test
  void storesAnActivatedVersionAndDropsItsClaim() {
    KeyVersion v1 = mint(1, null);
    assertThat(versions().find(v1.name())).contains(v1);
    assertThat(versions().active(tenant, Algorithm.DILITHIUM3)).contains(v1);
    assertThat(versions().ownership(v1.name())).isEqualTo(KeyVersions.Ownership.LIVE);
    assertThat(versions().latestVersion(tenant, Algorithm.DILITHIUM3)).isEqualTo(1);
    assertThat(versions().latestVersion(tenant, Algorithm.COMPOSITE_ML_DSA)).isZero();
  }

  @Test
  void aVersionNumberIsClaimedOnce() {
    versions().claim(name(1), T0);
    assertThatThrownBy(() -> versions().claim(name(1), T0))
        .isInstanceOf(SignetException.Conflict.class);
    versions().release(name(1));
    KeyVersion v1 = mint(1, null);
    assertThatThrownBy(() -> versions().claim(v1.name(), T0))
        .isInstanceOf(SignetException.Conflict.class);
  }

  @Test
  void refusesASecondActiveVersion() {
    mint(1, null);
    assertThatThrownBy(() -> mint(2, null)).isInstanceOf(SignetException.Conflict.class);
    assertThat(versions().list(tenant, Algorithm.DILITHIUM3, KeyStatus.ACTIVE)).hasSize(1);
  }

  @Test
  void rotatesAtomically() {
    KeyVersion v1 = mint(1, null);
    KeyVersion v2 = mint(2, v1);
    assertThat(versions().active(tenant, Algorithm.DILITHIUM3)).contains(v2);
    assertThat(versions().find(v1.name()).orElseThrow().status()).isEqualTo(KeyStatus.RETIRED);
    assertThatThrownBy(() -> mint(3, v1))
        .as("v1 is no longer active")
        .isInstanceOf(SignetException.Conflict.class);
    assertThat(versions().find(name(3))).isEmpty();
    assertThat(versions().active(tenant, Algorithm.DILITHIUM3)).contains(v2);
  }

  @Test
  void transitionsAreCompareAndSet() {
    KeyVersion v1 = mint(1, null);
    KeyVersion retired = v1.retire(T0.plusSeconds(5));
    versions().transition(v1, retired);
    assertThatThrownBy(() -> versions().transition(v1, v1.retire(T0.plusSeconds(6))))
        .isInstanceOf(SignetException.Conflict.class);
    KeyVersion archived = retired.archive(T0.plusSeconds(7));
    versions().transition(retired, archived);
    KeyVersion stored = versions().find(v1.name()).orElseThrow();
    assertThat(stored.status()).isEqualTo(KeyStatus.ARCHIVED);
    assertThat(stored.sealedPrivateKey()).isNull();
    assertThat(stored.publicKey()).isEqualTo(v1.publicKey());
  }

  @Test
  void listsByAlgorithmAndStatus() {
    KeyVersion v1 = mint(1, null);
    KeyVersion v2 = mint(2, v1);
    assertThat(versions().list(tenant, null, null))
        .extracting(v -> v.name().version())
        .containsExactly(1, 2);
    assertThat(versions().list(tenant, Algorithm.DILITHIUM3, KeyStatus.RETIRED))
        .extracting(KeyVersion::name)
        .containsExactly(v1.name());
    assertThat(versions().list(tenant, Algorithm.COMPOSITE_ML_DSA, null)).isEmpty();
    assertThat(versions().list(TenantId.random(), null, null)).isEmpty();
    assertThat(v2.status()).isEqualTo(KeyStatus.ACTIVE);
  }

  @Test
  void tellsWhoOwnsANameAndReleasesOnlyStaleClaims() {
    assertThat(versions().ownership(name(7))).isEqualTo(KeyVersions.Ownership.UNOWNED);
    versions().claim(name(7), T0);
    assertThat(versions().ownership(name(7))).isEqualTo(KeyVersions.Ownership.CLAIMED);
    assertThat(versions().releaseClaimsOlderThan(Duration.ofHours(1)))
        .as("a fresh claim is a generation in progress")
        .doesNotContain(name(7));
    assertThat(versions().ownership(name(7))).isEqualTo(KeyVersions.Ownership.CLAIMED);
    assertThat(versions().releaseClaimsOlderThan(Duration.ZERO.minusSeconds(1))).contains(name(7));
    assertThat(versions().ownership(name(7))).isEqualTo(KeyVersions.Ownership.UNOWNED);
    assertThat(versions().releaseClaimsOlderThan(Duration.ZERO.minusSeconds(1)))
        .as("released once")
        .doesNotContain(name(7));
  }

  @Test
  void anArchivedVersionIsOwnedAsArchived() {
    KeyVersion v1 = mint(1, null);
    KeyVersion retired = v1.retire(T0.plusSeconds(1));
    versions().transition(v1, retired);
    versions().transition(retired, retired.archive(T0.plusSeconds(2)));
    assertThat(versions().ownership(v1.name())).isEqualTo(KeyVersions.Ownership.ARCHIVED);
  }

  @Test
  void replacesASealedKeyOnlyIfItIsStillTheOneExpected() {
    KeyVersion v1 = mint(1, null);
    Bytes stored = v1.sealedPrivateKey();
    Bytes resealed = Bytes.of(new byte[] {2, 7, 7});
    assertThat(versions().sealedVersions()).extracting(KeyVersion::name).contains(v1.name());
    assertThat(versions().replaceSealedKey(v1.name(), Bytes.of(new byte[] {1, 5}), resealed))
        .as("not the stored blob")
        .isFalse();
    assertThat(versions().replaceSealedKey(v1.name(), stored, resealed)).isTrue();
    assertThat(versions().find(v1.name()).orElseThrow().sealedPrivateKey()).isEqualTo(resealed);
    assertThat(versions().replaceSealedKey(v1.name(), stored, resealed)).isFalse();
  }

  @Test
  void tellsWhichOfSomeNamesAreActive() {
    KeyVersion v1 = mint(1, null);
    KeyVersion v2 = mint(2, v1);
    assertThat(versions().activeAmong(java.util.Set.of(v1.name(), v2.name(), name(3))))
        .containsExactly(v2.name());
    assertThat(versions().activeAmong(java.util.Set.of())).isEmpty();
  }
}
