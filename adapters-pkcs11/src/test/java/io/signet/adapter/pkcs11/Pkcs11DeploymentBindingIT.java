package io.signet.adapter.pkcs11;

import io.signet.application.contract.CustodyBindingContract;
import io.signet.application.port.CustodyBinding;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

class Pkcs11DeploymentBindingIT extends CustodyBindingContract {
  private static TokenSession session;

  @BeforeAll
  static void openToken() {
    session = OpenedToken.open().session();
  }

  /** An unmarked token: the same token under a label no test used before. */
  @Override
  protected CustodyBinding fresh() {
    return new Pkcs11DeploymentBinding(session, "signet-deployment-it-" + UUID.randomUUID());
  }
}
