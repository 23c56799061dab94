package io.signet.adapter.pkcs11;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.signet.application.port.PublicKeyForms;
import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;
import jakarta.inject.Singleton;
import java.security.GeneralSecurityException;
import java.security.PublicKey;

/**
 * {@link SignatureVerifier} and {@link PublicKeyForms} from the version's public key alone (no
 * HSM), with the {@link SignatureScheme} of its algorithm. Despite the name, each scheme picks the
 * implementation: pure ML-DSA with an empty context is verified by the JDK's own ML-DSA ({@link
 * JdkMlDsa}), contexts, HashML-DSA and the composite by BouncyCastle.
 */
@Singleton
public final class BouncyCastleVerifier implements SignatureVerifier, PublicKeyForms {
  /**
   * Public keys decoded once per stored version: keyed by the identity of the version's key bytes
   * (immutable), so an entry lives as long as the version object that the key-version cache holds,
   * and goes with it.
   */
  private final Cache<Bytes, PublicKey> decoded =
      Caffeine.newBuilder().weakKeys().maximumSize(100_000).build();

  @Override
  public KeyForms of(KeyVersion key) {
    return SignatureSchemes.of(key.name().algorithm()).forms(key.publicKey());
  }

  @Override
  public boolean verify(KeyVersion key, SigningInput input, Bytes signature) {
    SignatureScheme scheme = SignatureSchemes.of(key.name().algorithm());
    Bytes spki = key.publicKey();
    return scheme.verifyDecoded(decoded.get(spki, s -> decode(scheme, s)), spki, input, signature);
  }

  private static PublicKey decode(SignatureScheme scheme, Bytes spki) {
    try {
      return scheme.publicKey(spki);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException(
          "stored " + scheme.algorithm().wireName() + " public key does not decode", e);
    }
  }
}
