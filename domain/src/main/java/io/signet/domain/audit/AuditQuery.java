package io.signet.domain.audit;

import io.signet.domain.SignetException;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;

/**
 * Which audit entries to read: those of one tenant (all tenants when null), at or after {@code
 * since} (from the beginning when null), newest first, at most {@code limit} (1..1000).
 */
public record AuditQuery(TenantId tenant, Instant since, int limit) {
  public static final int MAX_LIMIT = 1000;
  public static final int DEFAULT_LIMIT = 100;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw SignetException.InvalidRequest.field("limit must be between 1 and " + MAX_LIMIT);
    }
  }
}
