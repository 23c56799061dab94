package io.signet.application.fake;

import io.signet.application.contract.TenantsContract;
import io.signet.application.port.Tenants;

class InMemoryTenantsTest extends TenantsContract {
  private final InMemoryTenants tenants = new InMemoryTenants();

  @Override
  protected Tenants tenants() {
    return tenants;
  }
}
