package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import java.util.List;

/** Reads the audit log, newest first. */
public final class ReadAudit {
  private final AuditLog audit;

  public ReadAudit(AuditLog audit) {
    this.audit = audit;
  }

  public List<AuditEvent> read(AuditQuery query) {
    return audit.recent(query);
  }
}
