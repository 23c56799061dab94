package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.fake.FakeCore;
import io.signet.application.fake.SettableClock;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tenant's key quota as generate, rotate and the key policies meet it (DESIGN §8). */
class KeyQuotaEnforcementTest {
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private final SettableClock clock = new SettableClock(T0);
  private final FakeCore fakes = new FakeCore(clock);
  private final Invocation operator =
      new Invocation(Actor.OPERATOR, RequestId.next(Clock.systemUTC()));
  private final Invocation tenantKey =
      new Invocation(
          Actor.apiKey(new ApiKeyId(UUID.randomUUID())), RequestId.next(Clock.systemUTC()));
  private TenantId tenant;

  @BeforeEach
  void createTenant() {
    tenant = TenantId.random();
    fakes.tenants.add(new Tenant(tenant, "acme", Plan.STANDARD, T0));
  }

  private UseCases core(int liveVersions, int rotationsPerDay) {
    return core(liveVersions, rotationsPerDay, fakes.transactions);
  }

  private UseCases core(int liveVersions, int rotationsPerDay, Transactions transactions) {
    UseCases.Settings defaults = FakeCore.SETTINGS;
    return fakes.useCases(
        transactions,
        new UseCases.Settings(
            defaults.lifecycle(),
            defaults.serviceKeys(),
            defaults.receipts(),
            defaults.walletLogin(),
            new KeyQuota(liveVersions, rotationsPerDay)));
  }

  /** What a refused creation must not have changed. */
  private record State(List<KeyVersion> versions, List<KeyName> held, List<AuditEvent> audit) {}

  private State state() {
    return new State(
        fakes.versions.list(tenant, null, null),
        fakes.custody.heldKeys(),
        fakes.audit.recent(new AuditQuery(tenant, null, 1000)));
  }

  @Test
  void refusesGenerateAndRotateOverTheLiveVersionsAndChangesNothing() {
    UseCases core = core(2, 50);
    core.generateKey().generate(tenant, Algorithm.DILITHIUM3, operator);
    core.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, operator);
    State before = state();

    assertThatThrownBy(() -> core.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, operator))
        .isInstanceOfSatisfying(
            SignetException.Conflict.class, c -> assertThat(c.quotaExceeded()).isTrue())
        .hasMessageContaining("at most 2")
        .hasMessageContaining("archive");
    assertThatThrownBy(
            () -> core.generateKey().generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator))
        .as("the quota is over all the tenant's algorithms")
        .isInstanceOf(SignetException.Conflict.class);

    assertThat(state()).isEqualTo(before);
    assertThat(fakes.versions.ownership(new KeyName(tenant, Algorithm.DILITHIUM3, 3)))
        .as("no claim left behind")
        .isEqualTo(KeyVersions.Ownership.UNOWNED);
  }

  @Test
  void archivingARetiredVersionMakesRoom() {
    UseCases core = core(2, 50);
    KeyVersion v1 = core.generateKey().generate(tenant, Algorithm.DILITHIUM3, operator);
    core.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, operator);
    core.archiveKey().archive(v1.name(), operator);
    assertThat(core.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, operator).active().name())
        .isEqualTo(new KeyName(tenant, Algorithm.DILITHIUM3, 3));
  }

  @Test
  void refusesCreationsOverTheDailyQuotaUntilTheOldestLeavesTheWindow() {
    UseCases core = core(100, 3);
    core.generateKey().generate(tenant, Algorithm.DILITHIUM3, tenantKey);
    clock.set(T0.plus(Duration.ofHours(1)));
    core.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, tenantKey);
    core.generateKey().generate(tenant, Algorithm.ECDSA_P256, tenantKey);
    clock.set(T0.plus(Duration.ofHours(5)));
    State before = state();

    assertThatThrownBy(() -> core.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, tenantKey))
        .isInstanceOfSatisfying(
            SignetException.RateLimited.class,
            r -> {
              assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(19));
              assertThat(r.limit()).isEqualTo(3);
            })
        .hasMessageContaining("at most 3");
    assertThat(state()).isEqualTo(before);

    clock.set(T0.plus(KeyQuota.WINDOW));
    assertThat(
            core.rotateKey()
                .rotate(tenant, Algorithm.DILITHIUM3, tenantKey)
                .active()
                .name()
                .version())
        .isEqualTo(3);
    assertThatThrownBy(() -> core.rotateKey().rotate(tenant, Algorithm.ECDSA_P256, tenantKey))
        .as("the next creations are still in the window")
        .isInstanceOf(SignetException.RateLimited.class);
    assertThat(core.rotateKey().rotate(tenant, Algorithm.ECDSA_P256, operator).active())
        .as("the operator is held to the live versions only: an emergency rotation never waits")
        .isNotNull();
  }

  /**
   * A rotation racing a retire of the same key: the HSM generates the new key, the retire commits
   * first, the rotation's activation fails, its key is destroyed and its claim released. The HSM
   * generated a key all the same, so the attempt counts toward the day: without that, every lost
   * race would hand the tenant one more generation than its quota.
   */
  @Test
  void aRotationAbandonedAfterTheHsmGeneratedItsKeyStillCountsTowardTheDay() {
    UseCases core = core(100, 3);
    KeyVersion v1 = core.generateKey().generate(tenant, Algorithm.DILITHIUM3, tenantKey);
    AtomicBoolean retireFirst = new AtomicBoolean(true);
    Transactions retiredMeanwhile =
        new Transactions() {
          @Override
          public <T> T inTransaction(Supplier<T> work) {
            if (retireFirst.getAndSet(false)) core.retireKey().retire(v1.name(), tenantKey);
            return work.get();
          }
        };
    UseCases racing = core(100, 3, retiredMeanwhile);
    clock.set(T0.plus(Duration.ofHours(1)));

    assertThatThrownBy(() -> racing.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, tenantKey))
        .isInstanceOf(SignetException.Conflict.class)
        .hasMessageContaining("no longer active");
    KeyName abandoned = new KeyName(tenant, Algorithm.DILITHIUM3, 2);
    assertThat(fakes.custody.heldKeys()).as("the new key was destroyed").containsExactly(v1.name());
    assertThat(fakes.versions.ownership(abandoned)).isEqualTo(KeyVersions.Ownership.UNOWNED);

    clock.set(T0.plus(Duration.ofHours(2)));
    core.generateKey().generate(tenant, Algorithm.DILITHIUM3, tenantKey);
    State before = state();
    clock.set(T0.plus(Duration.ofHours(3)));
    assertThatThrownBy(() -> core.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, tenantKey))
        .as("the generation, the abandoned rotation and the generation again fill a day of three")
        .isInstanceOfSatisfying(
            SignetException.RateLimited.class,
            r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofHours(21)));
    assertThat(state()).isEqualTo(before);
  }

  @Test
  void aDueRotationRefusedByTheQuotaIsReportedAndTriedAgainByTheNextRun() {
    UseCases core = core(2, 50);
    KeyVersion v1 = core.generateKey().generate(tenant, Algorithm.DILITHIUM3, operator);
    KeyVersion v2 = core.rotateKey().rotate(tenant, Algorithm.DILITHIUM3, operator).active();
    fakes.policies.put(new KeyPolicy(tenant, Duration.ofDays(1), null), T0);
    clock.set(T0.plus(Duration.ofDays(2)));

    ApplyKeyPolicies.Report refused = core.applyKeyPolicies().apply();
    assertThat(refused.rotated()).isEmpty();
    assertThat(refused.refused()).extracting(r -> r.version().name()).containsExactly(v2.name());
    assertThat(refused.refused().getFirst().reason()).contains("quota");
    assertThat(fakes.custody.heldKeys()).hasSize(2);

    core.archiveKey().archive(v1.name(), operator);
    ApplyKeyPolicies.Report next = core.applyKeyPolicies().apply();
    assertThat(next.refused()).isEmpty();
    assertThat(next.rotated()).extracting(KeyVersion::name).containsExactly(v2.name());
  }
}
