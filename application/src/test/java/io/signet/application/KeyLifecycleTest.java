package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.fake.DirectTransactions;
import io.signet.application.fake.FakeCore;
import io.signet.application.fake.FakeKeyCustody;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryKeyPolicies;
import io.signet.application.fake.InMemoryKeyVersions;
import io.signet.application.fake.InMemoryOrphanMarks;
import io.signet.application.fake.InMemoryTenants;
import io.signet.application.fake.SettableClock;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyLifecycleTest {
  private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
  private final SettableClock clock = new SettableClock(T0);
  private final FakeCore fakes = new FakeCore(clock);
  private final InMemoryTenants tenants = fakes.tenants;
  private final InMemoryKeyVersions versions = fakes.versions;
  private final InMemoryOrphanMarks marks = fakes.orphanMarks;
  private final InMemoryKeyPolicies policies = fakes.policies;
  private final FakeKeyCustody custody = fakes.custody;
  private final InMemoryAuditLog audit = fakes.audit;
  private final DirectTransactions tx = fakes.transactions;
  private final UseCases core = core(tx);
  private final GenerateKey generate = core.generateKey();
  private final RotateKey rotate = core.rotateKey();
  private final RetireKey retire = core.retireKey();
  private final ArchiveKey archive = core.archiveKey();
  private final ReconcileKeyCustody reconcile = core.reconcileKeyCustody();
  private final Invocation operator =
      new Invocation(Actor.OPERATOR, RequestId.next(Clock.systemUTC()));
  private TenantId tenant;

  /** The use cases over this test's fakes, committing through {@code transactions}. */
  private UseCases core(io.signet.application.port.Transactions transactions) {
    return fakes.useCases(transactions);
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
    assertThat(reconcile.reconcile().marked()).as("first pass marks").containsExactly(v1.name());
    assertThat(custody.heldKeys()).contains(v1.name());
    later(Duration.ofMinutes(3));
    assertThat(reconcile.reconcile().destroyed()).containsExactly(v1.name());
    assertThat(custody.heldKeys()).doesNotContain(v1.name());
  }

  /**
   * GenerateKey whose commit fails with {@code failure}, after the work ran if {@code committed}.
   */
  private GenerateKey failingCommit(boolean committed, RuntimeException failure) {
    return core(new io.signet.application.port.Transactions() {
          @Override
          public <T> T inTransaction(java.util.function.Supplier<T> work) {
            if (committed) {
              var _ = work.get(); // the commit went through before the failure
            }
            throw failure;
          }
        })
        .generateKey();
  }

  private void later(Duration by) {
    clock.set(clock.instant().plus(by));
  }

  @Test
  void aFailedGenerationLeavesNoClaimAndARefusedCommitNoKey() {
    custody.breakDown();
    assertThatThrownBy(() -> generate.generate(tenant, Algorithm.DILITHIUM3, operator))
        .isInstanceOf(SignetException.Unavailable.class);
    custody.repair();
    assertThat(versions.ownership(new KeyName(tenant, Algorithm.DILITHIUM3, 1)))
        .isEqualTo(KeyVersions.Ownership.UNOWNED);

    GenerateKey failingCommit = failingCommit(false, new SignetException.Conflict("refused"));
    assertThatThrownBy(() -> failingCommit.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator))
        .isInstanceOf(SignetException.Conflict.class);
    assertThat(custody.heldKeys()).isEmpty();
    assertThat(versions.ownership(new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1)))
        .isEqualTo(KeyVersions.Ownership.UNOWNED);
  }

  @Test
  void anAmbiguousCommitNeverDestroysAKeyThatMayHaveBeenCommitted() {
    KeyName name = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
    GenerateKey lostDuringCommit =
        failingCommit(true, new SignetException.Unavailable("connection lost during COMMIT", null));
    assertThatThrownBy(
            () -> lostDuringCommit.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator))
        .isInstanceOf(SignetException.Unavailable.class);
    assertThat(custody.heldKeys()).as("the committed version keeps its key").contains(name);
    for (int pass = 0; pass < 3; pass++) {
      later(Duration.ofMinutes(3));
      reconcile.reconcile();
    }
    assertThat(custody.heldKeys()).contains(name);
    assertThat(versions.ownership(name)).isEqualTo(KeyVersions.Ownership.LIVE);
  }

  @Test
  void anAmbiguousCommitThatDidNotCommitIsCleanedUpByTwoPasses() {
    KeyName name = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
    GenerateKey lostBeforeCommit =
        failingCommit(false, new SignetException.Unavailable("connection lost", null));
    assertThatThrownBy(
            () -> lostBeforeCommit.generate(tenant, Algorithm.COMPOSITE_ML_DSA, operator))
        .isInstanceOf(SignetException.Unavailable.class);
    assertThat(custody.heldKeys()).as("left for reconciliation").contains(name);
    assertThat(versions.ownership(name)).isEqualTo(KeyVersions.Ownership.CLAIMED);
    assertThat(reconcile.reconcile().isEmpty()).as("a young claim is left alone").isTrue();
    later(Duration.ofMinutes(3));
    assertThat(reconcile.reconcile().marked()).containsExactly(name);
    later(Duration.ofMinutes(3));
    assertThat(reconcile.reconcile().destroyed()).containsExactly(name);
  }

  @Test
  void aRotationClaimingAMarkedOrphansVersionKeepsItsFreshKey() {
    KeyName orphan = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
    custody.generate(orphan);
    assertThat(reconcile.reconcile().marked()).containsExactly(orphan);
    later(Duration.ofMinutes(3));
    // another instance claims version 1 and generates it while this pass is about to destroy
    versions.claim(orphan, clock.instant());
    custody.generate(orphan);
    assertThat(reconcile.reconcile().destroyed()).isEmpty();
    assertThat(custody.heldKeys()).contains(orphan);
  }

  @Test
  void destroysAtMostTheCapPerPass() {
    ReconcileKeyCustody capped =
        new ReconcileKeyCustody(versions, custody, marks, audit, clock, Duration.ofMinutes(2), 2);
    for (int v = 1; v <= 5; v++) custody.generate(new KeyName(tenant, Algorithm.DILITHIUM3, v));
    assertThat(capped.reconcile().marked()).hasSize(5);
    later(Duration.ofMinutes(3));
    ReconcileKeyCustody.Report first = capped.reconcile();
    assertThat(first.destroyed()).hasSize(2);
    assertThat(first.deferred()).hasSize(3);
    assertThat(capped.reconcile().destroyed()).hasSize(2);
    assertThat(capped.reconcile().destroyed()).hasSize(1);
    assertThat(custody.heldKeys()).isEmpty();
  }

  @Test
  void reconciliationCleansUpAfterACrashBetweenGenerationAndCommit() {
    KeyName interrupted = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
    versions.claim(interrupted, T0);
    custody.generate(interrupted);

    assertThat(reconcile.reconcile().isEmpty())
        .as("a young claim is a generation in progress")
        .isTrue();
    clock.set(T0.plus(Duration.ofMinutes(3)));
    ReconcileKeyCustody.Report report = reconcile.reconcile();
    assertThat(report.releasedClaims()).containsExactly(interrupted);
    assertThat(report.marked()).containsExactly(interrupted);
    assertThat(report.destroyed()).isEmpty();
    later(Duration.ofMinutes(3));
    assertThat(reconcile.reconcile().destroyed()).containsExactly(interrupted);
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
    assertThat(reconcile.reconcile().destroyed()).isEmpty();
    later(Duration.ofMinutes(3));
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

    clock.set(T0.plus(Duration.ofDays(29)));
    assertThat(apply.apply().rotated()).isEmpty();
    clock.set(T0.plus(Duration.ofDays(30)));
    assertThat(apply.apply().rotated()).hasSize(1);
    assertThat(second.apply().rotated()).isEmpty();
    clock.set(T0.plus(Duration.ofDays(37)));
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
