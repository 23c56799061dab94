package io.signet.adapter.pkcs11;

import io.signet.application.contract.SigningContract;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.SignatureVerifier;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;

class Pkcs11SigningIT extends SigningContract {
  private static Pkcs11KeyCustody custody;

  @BeforeAll
  static void openToken() {
    SoftHsmTestToken soft = SoftHsmTestToken.get();
    Pkcs11Token token =
        new Pkcs11Token(
            new Pkcs11Settings(SoftHsmTestToken.LIBRARY, soft.label(), soft.pin(), null));
    custody = new Pkcs11KeyCustody(token, new UnsealedKeyCache(true, 100, Duration.ofMinutes(5)));
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
