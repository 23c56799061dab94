package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.KeyVersion;
import java.time.Instant;

/**
 * Stores a status transition and its audit entry in one transaction; shared by retire and archive.
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

  KeyVersion store(
      KeyVersion before, KeyVersion after, AuditAction action, Invocation invocation, Instant now) {
    transactions.run(
        () -> {
          versions.transition(before, after);
          audit.append(
              AuditEvent.of(
                  invocation, action, after.name().toString(), after.name().tenant(), now));
        });
    return after;
  }
}
