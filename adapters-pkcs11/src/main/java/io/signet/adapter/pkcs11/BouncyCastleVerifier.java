package io.signet.adapter.pkcs11;

import io.signet.application.port.PublicKeyForms;
import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;
import jakarta.inject.Singleton;

/**
 * {@link SignatureVerifier} and {@link PublicKeyForms} from the version's public key alone (no
 * HSM), with the {@link SignatureScheme} of its algorithm. Despite the name, each scheme picks the
 * implementation: pure ML-DSA with an empty context is verified by the JDK's own ML-DSA ({@link
 * JdkMlDsa}), contexts, HashML-DSA and the composite by BouncyCastle.
 */
@Singleton
public final class BouncyCastleVerifier implements SignatureVerifier, PublicKeyForms {

  @Override
  public KeyForms of(KeyVersion key) {
    return SignatureSchemes.of(key.name().algorithm()).forms(key.publicKey());
  }

  @Override
  public boolean verify(KeyVersion key, SigningInput input, Bytes signature) {
    return SignatureSchemes.of(key.name().algorithm()).verify(key.publicKey(), input, signature);
  }
}
