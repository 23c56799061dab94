package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.Tenants;
import io.signet.application.port.Transactions;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Instant;

/** Creates a tenant and audits it, atomically. */
public final class CreateTenant {
  private final Tenants tenants;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;

  public CreateTenant(Tenants tenants, AuditLog audit, Transactions transactions, Clock clock) {
    this.tenants = tenants;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  public Tenant create(String name, Plan plan, Invocation invocation) {
    Instant now = clock.instant();
    Tenant tenant = new Tenant(TenantId.random(), name, plan, now);
    transactions.run(
        () -> {
          tenants.add(tenant);
          audit.append(
              AuditEvent.of(
                  invocation,
                  AuditAction.TENANT_CREATED,
                  tenant.id().toString(),
                  tenant.id(),
                  now));
        });
    return tenant;
  }
}
