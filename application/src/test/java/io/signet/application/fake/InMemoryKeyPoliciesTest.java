package io.signet.application.fake;

import io.signet.application.contract.KeyPoliciesContract;
import io.signet.application.port.KeyPolicies;
import io.signet.domain.tenant.TenantId;

class InMemoryKeyPoliciesTest extends KeyPoliciesContract {
  private final InMemoryKeyPolicies policies = new InMemoryKeyPolicies();

  @Override
  protected KeyPolicies policies() {
    return policies;
  }

  @Override
  protected TenantId newTenant() {
    return TenantId.random();
  }
}
