package io.signet.adapter.persistence;

import io.signet.application.contract.TenantsContract;
import io.signet.application.port.Tenants;

class JdbcTenantsIT extends TenantsContract {
  @Override
  protected Tenants tenants() {
    return PersistenceContext.get().getBean(JdbcTenants.class);
  }
}
