package io.signet.adapter.persistence;

import io.signet.application.contract.ApiKeysContract;
import io.signet.application.port.ApiKeys;
import io.signet.application.port.Tenants;

/** The caching decorator keeps the contract of the store it caches. */
class CachedApiKeysIT extends ApiKeysContract {
  @Override
  protected ApiKeys apiKeys() {
    return PersistenceContext.get().getBean(CachedApiKeys.class);
  }

  @Override
  protected Tenants tenants() {
    return PersistenceContext.get().getBean(JdbcTenants.class);
  }
}
