package io.signet.application.fake;

import io.signet.application.contract.AuditLogContract;
import io.signet.application.port.AuditLog;

class InMemoryAuditLogTest extends AuditLogContract {
  private final InMemoryAuditLog audit = new InMemoryAuditLog();

  @Override
  protected AuditLog audit() {
    return audit;
  }
}
