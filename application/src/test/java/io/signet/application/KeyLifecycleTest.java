package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.fake.DirectTransactions;
import io.signet.application.fake.FakeKeyCustody;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryKeyPolicies;
import io.signet.application.fake.InMemoryKeyVersions;
import io.signet.application.fake.InMemoryTenants;
import io.signet.application.port.KeyVersions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };
  private final InMemoryTenants tenants = new InMemoryTenants();
  private final InMemoryKeyVersions versions = new InMemoryKeyVersions();
  private final InMemoryKeyPolicies policies = new InMemoryKeyPolicies();
  private final FakeKeyCustody custody = new FakeKeyCustody();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final DirectTransactions tx = new DirectTransactions();
  private final UseCases core = core(tx);
  private final GenerateKey generate = core.generateKey();
  private final RotateKey rotate = core.rotateKey();
  private final RetireKey retire = core.retireKey();
  private final ArchiveKey archive = core.archiveKey();
  private final ReconcileKeyCustody reconcile = core.reconcileKeyCustody();
  private final Invocation operator = new Invocation(Actor.OPERATOR, RequestId.random());
  private TenantId tenant;

  /** The use cases over this test's fakes, committing through {@code transactions}. */
  private UseCases core(io.signet.application.port.Transactions transactions) {
    return new UseCases(
        new UseCases.Ports(
            tenants,
            new io.signet.application.fake.InMemoryApiKeys(),
            audit,
            transactions,
            versions,
            policies,
            custody,
            custody.verifier(),
            new io.signet.application.fake.InMemorySigningLog(),
            key -> io.signet.domain.key.KeyForms.none()),
        clock,
        new java.security.SecureRandom(),
        Duration.ofMinutes(2));
  }

  @BeforeEach
  void createTenant() {
    tenant = TenantId.random();
    tenants.add(new Tenant(tenant, "acme", Plan.STANDARD, T0));
  }

  @Test
  void generatesVersionOneThenRefusesASecondActive() {
    KeyVersion v1 = generate.generate(tenant, Algorithm.DILITHIUM3, operator);
    assertThat(v1.name().version()).isEqualTo(1);
    assertThat(v1.status()).isEqualTo(KeyStatus.ACTIVE);
    assertThatThrownBy(() -> generate.generate(tenant, Algorithm.DILITHIUM3, operator))
        .isInstanceOf(SignetException.Conflict.class)
        .hasMessageContaining("rotate");
    assertThat(generate.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator).name().version())
        .isEqualTo(1);
  }

  @Test
  void rotatesToTheNextVersionAndRetiresThePrevious() {
    generate.generate(tenant, Algorithm.DILITHIUM3, operator);
    RotateKey.Rotated rotated = rotate.rotate(tenant, Algorithm.DILITHIUM3, operator);
    assertThat(rotated.active().name().version()).isEqualTo(2);
    assertThat(rotated.retired().status()).isEqualTo(KeyStatus.RETIRED);
    assertThat(versions.list(tenant, Algorithm.DILITHIUM3, KeyStatus.ACTIVE)).hasSize(1);
    assertThat(audit.recent(new AuditQuery(tenant, null, 10)))
        .extracting(AuditEvent::action)
        .containsExactly(AuditAction.KEY_ROTATED, AuditAction.KEY_GENERATED);
  }

  @Test
  void rotatingAVersionThatIsNoLongerActiveIsAConflictNotASecondRotation() {
    KeyVersion v1 = generate.generate(tenant, Algorithm.DILITHIUM3, operator);
    rotate.rotateVersion(v1.name(), operator);
    assertThatThrownBy(() -> rotate.rotateVersion(v1.name(), operator))
        .isInstanceOf(SignetException.Conflict.class);
    assertThat(versions.latestVersion(tenant, Algorithm.DILITHIUM3)).isEqualTo(2);
  }

  @Test
  void rotatingWithoutAnActiveVersionIsNotFound() {
    assertThatThrownBy(() -> rotate.rotate(tenant, Algorithm.DILITHIUM3, operator))
        .isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void afterRetiringTheOnlyVersionGenerateMakesTheNext() {
    KeyVersion v1 = generate.generate(tenant, Algorithm.DILITHIUM3, operator);
    retire.retire(v1.name(), operator);
    assertThat(generate.generate(tenant, Algorithm.DILITHIUM3, operator).name().version())
        .isEqualTo(2);
  }

  @Test
  void archivesOnlyRetiredVersionsAndDestroysTheirKeys() {
    KeyVersion v1 = generate.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator);
    assertThatThrownBy(() -> archive.archive(v1.name(), operator))
        .isInstanceOf(SignetException.Conflict.class);
    retire.retire(v1.name(), operator);
    assertThatThrownBy(() -> retire.retire(v1.name(), operator))
        .isInstanceOf(SignetException.Conflict.class);
    ArchiveKey.Archived archived = archive.archive(v1.name(), operator);
    assertThat(archived.privateKeyDestroyed()).isTrue();
    assertThat(archived.version().sealedPrivateKey()).isNull();
    assertThat(custody.heldKeys()).doesNotContain(v1.name());
    assertThatThrownBy(() -> archive.archive(v1.name(), operator))
        .isInstanceOf(SignetException.NotFound.class);
    assertThatThrownBy(() -> retire.retire(v1.name(), operator))
        .isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void archivesEvenWhenTheHsmIsDownAndReconciliationFinishesTheJob() {
    KeyVersion v1 = generate.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator);
    retire.retire(v1.name(), operator);
    custody.breakDown();
    ArchiveKey.Archived archived = archive.archive(v1.name(), operator);
    assertThat(archived.privateKeyDestroyed()).isFalse();
    assertThat(versions.find(v1.name()).orElseThrow().status()).isEqualTo(KeyStatus.ARCHIVED);
    custody.repair();
    assertThat(reconcile.reconcile().destroyed()).containsExactly(v1.name());
    assertThat(custody.heldKeys()).doesNotContain(v1.name());
  }

  @Test
  void aFailedGenerationLeavesNoClaimAndAFailedCommitNoKey() {
    custody.breakDown();
    assertThatThrownBy(() -> generate.generate(tenant, Algorithm.DILITHIUM3, operator))
        .isInstanceOf(SignetException.Unavailable.class);
    custody.repair();
    assertThat(versions.isClaimed(new KeyName(tenant, Algorithm.DILITHIUM3, 1))).isFalse();

    GenerateKey failingCommit =
        core(new io.signet.application.port.Transactions() {
              @Override
              public <T> T inTransaction(java.util.function.Supplier<T> work) {
                throw new SignetException.Unavailable("db down", null);
              }
            })
            .generateKey();
    assertThatThrownBy(() -> failingCommit.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator))
        .isInstanceOf(SignetException.Unavailable.class);
    assertThat(custody.heldKeys()).isEmpty();
    assertThat(versions.isClaimed(new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1))).isFalse();
  }

  @Test
  void reconciliationCleansUpAfterACrashBetweenGenerationAndCommit() {
    KeyName interrupted = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
    versions.claim(interrupted, T0);
    custody.generate(interrupted);

    assertThat(reconcile.reconcile().isEmpty())
        .as("a young claim is a generation in progress")
        .isTrue();
    now.set(T0.plus(Duration.ofMinutes(3)));
    ReconcileKeyCustody.Report report = reconcile.reconcile();
    assertThat(report.destroyed()).containsExactly(interrupted);
    assertThat(report.releasedClaims()).containsExactly(interrupted);
    assertThat(custody.heldKeys()).isEmpty();
    assertThat(generate.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator).name())
        .isEqualTo(interrupted);
    assertThat(reconcile.reconcile().isEmpty()).isTrue();
  }

  @Test
  void reconciliationKeepsLiveKeysAndRemovesUnclaimedOrphans() {
    KeyVersion live = generate.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator);
    KeyName orphan = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 9);
    custody.generate(orphan);
    assertThat(reconcile.reconcile().destroyed()).containsExactly(orphan);
    assertThat(custody.heldKeys()).containsExactly(live.name());
    assertThat(audit.recent(new AuditQuery(tenant, null, 10)))
        .extracting(AuditEvent::action)
        .contains(AuditAction.KEY_ORPHAN_DESTROYED);
  }

  @Test
  void appliesPoliciesOnceEvenWhenRunTwice() {
    SetKeyPolicy setPolicy = new SetKeyPolicy(tenants, policies, audit, tx, clock);
    ApplyKeyPolicies apply = new ApplyKeyPolicies(policies, versions, rotate, archive, clock);
    ApplyKeyPolicies second = new ApplyKeyPolicies(policies, versions, rotate, archive, clock);
    generate.generate(tenant, Algorithm.DILITHIUM3, operator);
    setPolicy.set(new KeyPolicy(tenant, Duration.ofDays(30), Duration.ofDays(7)), operator);

    now.set(T0.plus(Duration.ofDays(29)));
    assertThat(apply.apply().rotated()).isEmpty();
    now.set(T0.plus(Duration.ofDays(30)));
    assertThat(apply.apply().rotated()).hasSize(1);
    assertThat(second.apply().rotated()).isEmpty();
    now.set(T0.plus(Duration.ofDays(37)));
    ApplyKeyPolicies.Report report = apply.apply();
    assertThat(report.archived()).extracting(v -> v.name().version()).containsExactly(1);
    assertThat(second.apply().archived()).isEmpty();
    assertThat(versions.list(tenant, Algorithm.DILITHIUM3, null))
        .extracting(KeyVersion::status)
        .containsExactly(KeyStatus.ARCHIVED, KeyStatus.ACTIVE);
  }

  @Test
  void policiesNeedAnExistingTenant() {
    SetKeyPolicy setPolicy = new SetKeyPolicy(tenants, policies, audit, tx, clock);
    assertThatThrownBy(() -> setPolicy.set(KeyPolicy.none(TenantId.random()), operator))
        .isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void concurrentRotationsProduceGaplessVersionsAndOneActive() throws Exception {
    generate.generate(tenant, Algorithm.DILITHIUM3, operator);
    KeyVersions store = versions;
    Thread[] threads = new Thread[20];
    java.util.concurrent.atomic.AtomicInteger won = new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < threads.length; i++) {
      threads[i] =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      rotate.rotate(tenant, Algorithm.DILITHIUM3, operator);
                      won.incrementAndGet();
                    } catch (SignetException.Conflict lost) {
                      // another rotation won this step
                    }
                  });
    }
    for (Thread t : threads) t.join();
    var all = store.list(tenant, Algorithm.DILITHIUM3, null);
    assertThat(all)
        .extracting(v -> v.name().version())
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, 1 + won.get()).boxed().toList());
    assertThat(all).filteredOn(v -> v.status() == KeyStatus.ACTIVE).hasSize(1);
  }
}
