package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyPolicies;
import io.signet.application.port.Tenants;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.KeyPolicy;
import java.time.Clock;
import java.time.Instant;

/** Sets a tenant's automatic rotation and archival periods (replacing any previous policy). */
public final class SetKeyPolicy {
  private final Tenants tenants;
  private final KeyPolicies policies;
  private final AuditLog audit;
  private final Transactions transactions;
  private final Clock clock;

  public SetKeyPolicy(
      Tenants tenants,
      KeyPolicies policies,
      AuditLog audit,
      Transactions transactions,
      Clock clock) {
    this.tenants = tenants;
    this.policies = policies;
    this.audit = audit;
    this.transactions = transactions;
    this.clock = clock;
  }

  public KeyPolicy set(KeyPolicy policy, Invocation invocation) {
    if (tenants.find(policy.tenant()).isEmpty()) {
      throw new SignetException.NotFound("tenant " + policy.tenant() + " not found");
    }
    Instant now = clock.instant();
    transactions.run(
        () -> {
          policies.put(policy, now);
          audit.append(
              AuditEvent.of(
                  invocation,
                  AuditAction.KEY_POLICY_SET,
                  policy.tenant().toString(),
                  policy.tenant(),
                  now));
        });
    return policy;
  }
}
