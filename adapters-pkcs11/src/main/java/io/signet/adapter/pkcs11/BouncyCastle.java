package io.signet.adapter.pkcs11;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The BouncyCastle provider, registered once (at the lowest priority: the JDK's own providers and
 * SunPKCS11 are still preferred where they offer an algorithm). Composite signatures need it
 * registered, not only passed by instance.
 */
final class BouncyCastle {
  private BouncyCastle() {}

  static synchronized Provider provider() {
    Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (registered != null) return registered;
    Provider provider = new BouncyCastleProvider();
    Security.addProvider(provider);
    return provider;
  }
}
