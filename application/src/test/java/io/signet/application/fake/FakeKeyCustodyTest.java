package io.signet.application.fake;

import io.signet.application.contract.KeyCustodyContract;
import io.signet.application.port.KeyCustody;

class FakeKeyCustodyTest extends KeyCustodyContract {
  private final FakeKeyCustody custody = new FakeKeyCustody();

  @Override
  protected KeyCustody custody() {
    return custody;
  }
}
