package io.signet.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.signet.application.ApplyKeyPolicies;
import io.signet.application.ReconcileKeyCustody;
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

  /** Takes the {@link BoundDeployment}: no reconciliation before the binding holds. */
  LifecycleScheduler(
      BoundDeployment deployment, ReconcileKeyCustody reconcile, ApplyKeyPolicies policies) {
    this.reconcile = reconcile;
    this.policies = policies;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    reconcileNow();
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
