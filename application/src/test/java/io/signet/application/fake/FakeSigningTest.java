package io.signet.application.fake;

import io.signet.application.contract.SigningContract;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.SignatureVerifier;

class FakeSigningTest extends SigningContract {
  private final FakeKeyCustody custody = new FakeKeyCustody();

  @Override
  protected KeyCustody custody() {
    return custody;
  }

  @Override
  protected SignatureVerifier verifier() {
    return custody.verifier();
  }
}
