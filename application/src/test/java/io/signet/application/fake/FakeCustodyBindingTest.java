package io.signet.application.fake;

import io.signet.application.contract.CustodyBindingContract;
import io.signet.application.port.CustodyBinding;

class FakeCustodyBindingTest extends CustodyBindingContract {
  @Override
  protected CustodyBinding fresh() {
    return new FakeCustodyBinding();
  }
}
