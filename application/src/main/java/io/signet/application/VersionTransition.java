package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.key.KeyVersion;

/**
 * Stores a status transition and the audit entry it causes in one transaction; shared by retire and
 * archive.
 */
final class VersionTransition {
  private final KeyVersions versions;
  private final AuditLog audit;
  private final Transactions transactions;

  VersionTransition(KeyVersions versions, AuditLog audit, Transactions transactions) {
    this.versions = versions;
    this.audit = audit;
    this.transactions = transactions;
  }

  KeyVersion store(KeyVersion.Transition transition) {
    transactions.run(
        () -> {
          versions.transition(transition.before(), transition.after());
          audit.append(transition.event());
        });
    return transition.after();
  }
}
