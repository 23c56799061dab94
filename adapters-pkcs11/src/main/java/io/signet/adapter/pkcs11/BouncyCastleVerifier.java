package io.signet.adapter.pkcs11;

import io.signet.application.port.SignatureVerifier;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.signing.SigningInput;
import jakarta.inject.Singleton;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.CompositePublicKey;

/** {@link SignatureVerifier} with BouncyCastle, from the version's public key alone. */
@Singleton
public final class BouncyCastleVerifier implements SignatureVerifier {

  @Override
  public boolean verify(KeyVersion key, SigningInput input, Bytes signature) {
    PublicKey publicKey;
    try {
      publicKey = publicKey(key);
    } catch (Exception e) {
      throw new IllegalStateException("stored public key of " + key.name() + " does not decode", e);
    }
    return Constructions.verify(
        key.name().algorithm(), publicKey, key.publicKey(), input, signature);
  }

  static PublicKey publicKey(KeyVersion key) throws Exception {
    byte[] spki = key.publicKey().toArray();
    return switch (key.name().algorithm()) {
      case DILITHIUM3 ->
          KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
              .generatePublic(new X509EncodedKeySpec(spki));
      case COMPOSITE_ML_DSA -> new CompositePublicKey(SubjectPublicKeyInfo.getInstance(spki));
    };
  }
}
