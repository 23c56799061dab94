package io.signet.adapter.persistence;

import io.signet.application.contract.KeyVersionsContract;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Tenants;

/** The caching decorator keeps the contract of the store it caches. */
class CachedKeyVersionsIT extends KeyVersionsContract {
  @Override
  protected KeyVersions versions() {
    return PersistenceContext.get().getBean(CachedKeyVersions.class);
  }

  @Override
  protected Tenants tenants() {
    return PersistenceContext.get().getBean(JdbcTenants.class);
  }
}
