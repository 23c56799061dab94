package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;
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

  /** A BouncyCastle signer, hedged with {@code random}, or deterministic when it is null. */
  static Signature signer(String scheme, PrivateKey key, SecureRandom random)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance(scheme, PROVIDER);
    if (random == null) signer.initSign(key);
    else signer.initSign(key, random);
    return signer;
  }

  /** A BouncyCastle verifier. */
  static Signature verifier(String scheme, PublicKey key) throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(scheme, PROVIDER);
    verifier.initVerify(key);
    return verifier;
  }

  /** Sets a FIPS 204 / composite context string, when there is one. */
  static void setContext(Signature signature, Bytes context) throws GeneralSecurityException {
    if (context.length() > 0) signature.setParameter(new ContextParameterSpec(context.toArray()));
  }

  private static synchronized Provider register() {
    Provider registered = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
    if (registered != null) return registered;
    Provider provider = new BouncyCastleProvider();
    Security.addProvider(provider);
    return provider;
  }
}
