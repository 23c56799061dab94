package io.signet.application;

import io.signet.application.port.Tenants;
import io.signet.domain.tenant.Tenant;
import java.util.List;

/** Lists every tenant, oldest first. */
public final class ListTenants {
  private final Tenants tenants;

  public ListTenants(Tenants tenants) {
    this.tenants = tenants;
  }

  public List<Tenant> list() {
    return tenants.list();
  }
}
