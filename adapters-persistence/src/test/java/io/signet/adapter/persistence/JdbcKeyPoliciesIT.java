package io.signet.adapter.persistence;

import io.signet.application.contract.KeyPoliciesContract;
import io.signet.application.port.KeyPolicies;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;

class JdbcKeyPoliciesIT extends KeyPoliciesContract {
  @Override
  protected KeyPolicies policies() {
    return PersistenceContext.get().getBean(JdbcKeyPolicies.class);
  }

  @Override
  protected TenantId newTenant() {
    TenantId id = TenantId.random();
    PersistenceContext.get()
        .getBean(JdbcTenants.class)
        .add(new Tenant(id, "policies", Plan.STANDARD, T0));
    return id;
  }
}
