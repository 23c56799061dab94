package io.signet.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.signet.adapter.pkcs11.BouncyCastleVerifier;
import io.signet.adapter.pkcs11.Pkcs11KeyCustody;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.SignatureVerifier;
import jakarta.inject.Singleton;

/**
 * The custody and verifier ports as the use cases receive them: the adapters' implementations in
 * their metered decorators. Primary, so the adapters' own beans stay available by their concrete
 * types.
 */
@Factory
class Instrumentation {

  @Singleton
  @Primary
  KeyCustody meteredCustody(Pkcs11KeyCustody custody) {
    return new MeteredKeyCustody(custody);
  }

  @Singleton
  @Primary
  SignatureVerifier meteredVerifier(BouncyCastleVerifier verifier) {
    return new MeteredSignatureVerifier(verifier);
  }
}
