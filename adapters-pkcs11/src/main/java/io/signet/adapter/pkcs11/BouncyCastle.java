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
  private static final Provider PROVIDER = register();

  private BouncyCastle() {}

  static Provider provider() {
    return PROVIDER;
  }

  private static synchronized Provider register() {
    Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (registered != null) return registered;
    Provider provider = new BouncyCastleProvider();
    Security.addProvider(provider);
    return provider;
  }
}
