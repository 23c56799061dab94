package io.signet.application.fake;

import io.signet.application.contract.LoginNoncesContract;
import io.signet.application.port.LoginNonces;

class InMemoryLoginNoncesTest extends LoginNoncesContract {
  private final InMemoryLoginNonces nonces = new InMemoryLoginNonces();

  @Override
  protected LoginNonces nonces() {
    return nonces;
  }
}
