package io.signet.application.fake;

import io.signet.application.contract.ServiceKeysContract;
import io.signet.application.port.ServiceKeys;

class InMemoryServiceKeysTest extends ServiceKeysContract {
  private final InMemoryServiceKeys keys = new InMemoryServiceKeys();

  @Override
  protected ServiceKeys keys() {
    return keys;
  }
}
