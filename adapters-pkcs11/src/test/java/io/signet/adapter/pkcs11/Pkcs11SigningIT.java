package io.signet.adapter.pkcs11;

import io.signet.application.contract.SigningContract;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.SignatureVerifier;
import org.junit.jupiter.api.BeforeAll;

class Pkcs11SigningIT extends SigningContract {
  private static Pkcs11KeyCustody custody;

  @BeforeAll
  static void openToken() {
    custody = OpenedToken.open().custody();
  }

  @Override
  protected KeyCustody custody() {
    return custody;
  }

  @Override
  protected SignatureVerifier verifier() {
    return new BouncyCastleVerifier();
  }
}
