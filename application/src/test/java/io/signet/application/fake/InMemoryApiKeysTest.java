package io.signet.application.fake;

import io.signet.application.contract.ApiKeysContract;
import io.signet.application.port.ApiKeys;
import io.signet.application.port.Tenants;

class InMemoryApiKeysTest extends ApiKeysContract {
  private final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
  private final InMemoryTenants tenants = new InMemoryTenants();

  @Override
  protected ApiKeys apiKeys() {
    return apiKeys;
  }

  @Override
  protected Tenants tenants() {
    return tenants;
  }
}
