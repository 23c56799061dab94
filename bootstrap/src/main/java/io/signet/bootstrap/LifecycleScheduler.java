package io.signet.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.signet.application.ApplyKeyPolicies;
import io.signet.application.ReconcileKeyCustody;
import io.signet.application.ResealKeys;
import io.signet.domain.key.KeyVersion;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles key custody with the database at start-up and then periodically, and applies the
 * tenants' rotation and archival policies. Safe on every instance at once: each transition is a
 * claim or a compare-and-set in PostgreSQL. Reports what it did in the log (names only).
 */
@Singleton
@Requires(property = "signet.lifecycle.enabled", notEquals = "false")
class LifecycleScheduler {
  private static final Logger LOG = LoggerFactory.getLogger(LifecycleScheduler.class);
  private final ReconcileKeyCustody reconcile;
  private final ApplyKeyPolicies policies;
  private final ResealKeys reseal;

  /** Takes the {@link BoundDeployment}: no reconciliation before the binding holds. */
  LifecycleScheduler(
      BoundDeployment deployment,
      ReconcileKeyCustody reconcile,
      ApplyKeyPolicies policies,
      ResealKeys reseal) {
    this.reconcile = reconcile;
    this.policies = policies;
    this.reseal = reseal;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    resealNow();
    reconcileNow();
  }

  /** Moves sealed keys off the shared key-encryption key of earlier versions (once; idempotent). */
  void resealNow() {
    try {
      ResealKeys.Report report = reseal.reseal();
      if (!report.resealed().isEmpty() || report.sharedKeyRetired()) {
        LOG.info(
            "sealed keys: re-sealed {} under their own key-encryption keys {}; shared key {}",
            report.resealed().size(),
            report.resealed(),
            report.sharedKeyRetired() ? "destroyed" : "kept");
      }
    } catch (RuntimeException e) {
      LOG.warn("sealed keys not re-sealed this time: {}", e.getMessage());
    }
  }

  @Scheduled(
      fixedDelay = "${signet.lifecycle.interval:60s}",
      initialDelay = "${signet.lifecycle.interval:60s}")
  void run() {
    reconcileNow();
    try {
      ApplyKeyPolicies.Report report = policies.apply();
      if (!report.rotated().isEmpty() || !report.archived().isEmpty()) {
        LOG.info(
            "key policies: rotated away from {}, archived {}",
            report.rotated().stream().map(KeyVersion::name).toList(),
            report.archived().stream().map(KeyVersion::name).toList());
      }
      for (ApplyKeyPolicies.Refused refused : report.refused()) {
        LOG.warn(
            "key policies: rotation of {} is due but was refused, tried again next run: {}",
            refused.version().name(),
            refused.reason());
      }
    } catch (RuntimeException e) {
      LOG.warn("key policies not applied this time: {}", e.getMessage());
    }
  }

  void reconcileNow() {
    try {
      ReconcileKeyCustody.Report report = reconcile.reconcile();
      if (!report.isEmpty()) {
        LOG.info(
            "key custody reconciliation: destroyed {} orphaned HSM key(s) {}, released {}"
                + " interrupted claim(s) {}, marked {} orphan(s) for a later pass {}, left {}"
                + " over the per-pass cap {}",
            report.destroyed().size(),
            report.destroyed(),
            report.releasedClaims().size(),
            report.releasedClaims(),
            report.marked().size(),
            report.marked(),
            report.deferred().size(),
            report.deferred());
      }
    } catch (RuntimeException e) {
      LOG.warn("key custody reconciliation not done this time: {}", e.getMessage());
    }
  }
}
