package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.Tenants;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link Tenants} must do. Subclasses give a store that is fresh for each test. */
public abstract class TenantsContract {
  protected static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");

  protected abstract Tenants tenants();

  @Test
  void findsWhatWasAdded() {
    Tenant tenant = new Tenant(TenantId.random(), "acme", Plan.ENTERPRISE, T0);
    tenants().add(tenant);
    assertThat(tenants().find(tenant.id())).contains(tenant);
  }

  @Test
  void returnsEmptyForAnUnknownTenant() {
    assertThat(tenants().find(TenantId.random())).isEmpty();
  }

  @Test
  void listsOldestFirst() {
    Tenant later = new Tenant(TenantId.random(), "later", Plan.FREE, T0.plusSeconds(10));
    Tenant earlier = new Tenant(TenantId.random(), "earlier", Plan.FREE, T0);
    tenants().add(later);
    tenants().add(earlier);
    assertThat(tenants().list()).containsSubsequence(earlier, later);
  }
}
