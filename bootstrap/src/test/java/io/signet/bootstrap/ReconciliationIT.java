package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.GenerateKey;
import io.signet.application.ReconcileKeyCustody;
import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.OrphanMarks;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §8 on PostgreSQL and SoftHSM2: reconciliation destroys an HSM object only when no row, no
 * claim and no in-flight rotation can own it, two passes apart, at most the cap per pass; an
 * ambiguous commit never loses a key that was committed.
 */
class ReconciliationIT {
  @RegisterExtension static final SignetApp app = SignetApp.start();

  private static ReconcileKeyCustody reconcile(KeyVersions versions, int cap) {
    return new ReconcileKeyCustody(
        versions,
        app.bean(KeyCustody.class),
        app.bean(OrphanMarks.class),
        app.bean(AuditLog.class),
        app.bean(Clock.class),
        Duration.ZERO,
        cap);
  }

  private static String[] tenant() {
    return app.tenantWithKey("reconcile-" + UUID.randomUUID(), "keys:manage", "sign");
  }

  private static int sign(String apiKey, int version) {
    return app.sign(apiKey, "Composite-ML-DSA", version, "still here");
  }

  @Test
  void aRotationInFlightOnAnotherInstanceKeepsItsFreshKey() {
    String[] tenantAndKey = tenant();
    KeyName name =
        new KeyName(new TenantId(UUID.fromString(tenantAndKey[0])), Algorithm.COMPOSITE_ML_DSA, 1);
    KeyCustody custody = app.bean(KeyCustody.class);
    KeyVersions real = app.bean(KeyVersions.class);
    custody.generate(name); // an orphan of version 1: no row, no claim
    AtomicInteger ownershipReads = new AtomicInteger();
    KeyCustody.GeneratedKey[] fresh = new KeyCustody.GeneratedKey[1];
    KeyVersions racing =
        intercepting(
            real,
            "ownership",
            args -> {
              if (!name.equals(args[0])) return;
              // the re-check right before destruction in the second pass: another instance now
              // claims version 1 and generates its key (the commit comes later)
              if (ownershipReads.incrementAndGet() == 3) {
                real.claim(name, app.bean(Clock.class).instant());
                fresh[0] = custody.generate(name);
              }
            });
    ReconcileKeyCustody reconcile = reconcile(racing, 100);
    assertThat(reconcile.reconcile().marked()).contains(name);
    ReconcileKeyCustody.Report second = reconcile.reconcile();
    assertThat(fresh[0]).as("the rotation ran inside the window").isNotNull();
    assertThat(second.destroyed()).doesNotContain(name);
    assertThat(custody.heldKeys()).contains(name);

    real.activate(
        KeyVersion.activated(
            name,
            fresh[0].publicKey(),
            fresh[0].protection(),
            fresh[0].sealedPrivateKey(),
            app.bean(Clock.class).instant()),
        null);
    assertThat(sign(tenantAndKey[1], 1)).as("the committed rotation signs").isEqualTo(200);
    assertThat(reconcile.reconcile().destroyed()).doesNotContain(name);
  }

  @Test
  void anAmbiguousCommitNeverDestroysTheCommittedKey() {
    String[] tenantAndKey = tenant();
    TenantId tenant = new TenantId(UUID.fromString(tenantAndKey[0]));
    KeyName name = new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1);
    Transactions real = app.bean(Transactions.class);
    Transactions lostDuringCommit =
        new Transactions() {
          @Override
          public <T> T inTransaction(Supplier<T> work) {
            var _ = real.inTransaction(work);
            throw new SignetException.Unavailable("connection lost during COMMIT", null);
          }
        };
    GenerateKey generate = app.useCasesWith(lostDuringCommit, app.bean(Clock.class)).generateKey();
    assertThatThrownBy(
            () ->
                generate.generate(
                    tenant,
                    Algorithm.COMPOSITE_ML_DSA,
                    new Invocation(Actor.OPERATOR, RequestId.next(Clock.systemUTC()))))
        .isInstanceOf(SignetException.Unavailable.class);
    ReconcileKeyCustody reconcile = reconcile(app.bean(KeyVersions.class), 100);
    for (int pass = 0; pass < 3; pass++) {
      assertThat(reconcile.reconcile().destroyed()).doesNotContain(name);
    }
    assertThat(app.bean(KeyCustody.class).heldKeys()).contains(name);
    assertThat(sign(tenantAndKey[1], 1)).isEqualTo(200);
  }

  @Test
  void orphansGoOnlyInASecondPassAndAtMostTheCapPerPass() {
    TenantId tenant = new TenantId(UUID.fromString(tenant()[0]));
    KeyCustody custody = app.bean(KeyCustody.class);
    List<KeyName> orphans =
        List.of(1, 2, 3).stream()
            .map(v -> new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, v))
            .toList();
    orphans.forEach(custody::generate);
    ReconcileKeyCustody reconcile = reconcile(app.bean(KeyVersions.class), 2);
    ReconcileKeyCustody.Report first = reconcile.reconcile();
    assertThat(first.marked()).containsAll(orphans);
    assertThat(first.destroyed()).doesNotContainAnyElementsOf(orphans);
    assertThat(custody.heldKeys()).containsAll(orphans);

    ReconcileKeyCustody.Report second = reconcile.reconcile();
    assertThat(second.destroyed()).hasSizeLessThanOrEqualTo(2);
    int left = 3 - (int) second.destroyed().stream().filter(orphans::contains).count();
    assertThat(left).isGreaterThanOrEqualTo(1);
    assertThat(second.deferred()).hasSizeGreaterThanOrEqualTo(1);
    while (custody.heldKeys().stream().anyMatch(orphans::contains)) {
      assertThat(reconcile.reconcile().destroyed()).hasSizeLessThanOrEqualTo(2);
    }
    assertThat(custody.heldKeys()).doesNotContainAnyElementsOf(orphans);
  }

  /** {@code target} with {@code after} run (on the arguments) after each call of {@code method}. */
  private static KeyVersions intercepting(
      KeyVersions target, String method, Consumer<Object[]> after) {
    return (KeyVersions)
        Proxy.newProxyInstance(
            KeyVersions.class.getClassLoader(),
            new Class<?>[] {KeyVersions.class},
            (proxy, m, args) -> {
              try {
                Object result = m.invoke(target, args);
                if (m.getName().equals(method)) after.accept(args);
                return result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
