package io.signet.application.fake;

import io.signet.application.contract.KeyVersionsContract;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Tenants;

class InMemoryKeyVersionsTest extends KeyVersionsContract {
  private final InMemoryKeyVersions versions = new InMemoryKeyVersions();
  private final InMemoryTenants tenants = new InMemoryTenants();

  @Override
  protected KeyVersions versions() {
    return versions;
  }

  @Override
  protected Tenants tenants() {
    return tenants;
  }
}
