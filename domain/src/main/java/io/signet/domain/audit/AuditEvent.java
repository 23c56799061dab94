package io.signet.domain.audit;

import io.signet.domain.tenant.TenantId;
import java.time.Instant;

/**
 * One entry of the append-only audit log. {@code tenant} is null for actions that concern no
 * tenant. {@code target} names what was acted on (a tenant id, an API key id, a key version); it
 * never holds a secret or a payload.
 */
public record AuditEvent(
    Instant at,
    Actor actor,
    AuditAction action,
    String target,
    TenantId tenant,
    RequestId requestId) {
  public AuditEvent {
    if (at == null || actor == null || action == null || target == null || requestId == null) {
      throw new IllegalArgumentException(
          "audit time, actor, action, target and request id are required");
    }
  }

  public static AuditEvent of(
      Invocation invocation, AuditAction action, String target, TenantId tenant, Instant at) {
    return new AuditEvent(at, invocation.actor(), action, target, tenant, invocation.requestId());
  }
}
