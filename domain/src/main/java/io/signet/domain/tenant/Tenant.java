package io.signet.domain.tenant;

import io.signet.domain.Text;
import java.time.Instant;

/**
 * A customer of Signet. Keys, API keys, receipts and audit entries all belong to exactly one
 * tenant, and no operation crosses tenants.
 */
public record Tenant(TenantId id, String name, Plan plan, Instant createdAt) {
  public static final int MAX_NAME_LENGTH = 100;

  public Tenant {
    if (id == null || plan == null || createdAt == null) {
      throw new IllegalArgumentException("tenant id, plan and creation time are required");
    }
    Text.requireName("name", name, MAX_NAME_LENGTH);
  }
}
