package io.signet.adapter.persistence;

import io.signet.application.contract.ApiKeysContract;
import io.signet.application.port.ApiKeys;
import io.signet.application.port.Tenants;

class JdbcApiKeysIT extends ApiKeysContract {
  @Override
  protected ApiKeys apiKeys() {
    return PersistenceContext.get().getBean(JdbcApiKeys.class);
  }

  @Override
  protected Tenants tenants() {
    return PersistenceContext.get().getBean(JdbcTenants.class);
  }
}
