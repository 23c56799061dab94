package io.signet.adapter.pkcs11;

import io.signet.application.port.KeyCustody.GeneratedKey;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.SigningInput;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Ed25519: PureEdDSA (RFC 8032) with a token key made and used through {@link SchemeKeys}'s EdDSA
 * mechanism (CKM_EC_EDWARDS_KEY_PAIR_GEN, CKM_EDDSA), protection {@code hsm}. It signs whole
 * messages only. Verification is BouncyCastle's Ed25519.
 */
final class Ed25519Scheme implements SignatureScheme {

  @Override
  public Algorithm algorithm() {
    return Algorithm.ED25519;
  }

  @Override
  public GeneratedKey generate(KeyName name, SchemeKeys keys) {
    byte[] raw = keys.generateEd25519(name);
    try {
      byte[] spki =
          new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), raw)
              .getEncoded();
      return new GeneratedKey(Bytes.of(spki), Protection.HSM, null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an Ed25519 public key", e);
    }
  }

  @Override
  public Bytes sign(KeyVersion key, SigningInput input, SchemeKeys keys) {
    return Bytes.of(keys.signEd25519(key.name(), message(input).toArray()));
  }

  @Override
  public boolean verify(Bytes spki, SigningInput input, Bytes signature) {
    Ed25519PublicKeyParameters publicKey;
    try {
      publicKey = (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(spki.toArray());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("stored Ed25519 public key does not decode", e);
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, publicKey);
    byte[] message = message(input).toArray();
    verifier.update(message, 0, message.length);
    return verifier.verifySignature(signature.toArray());
  }

  @Override
  public PublicKey publicKey(Bytes spki) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki.toArray()));
  }

  @Override
  public KeyForms forms(Bytes spki) {
    byte[] raw = SubjectPublicKeyInfo.getInstance(spki.toArray()).getPublicKeyData().getBytes();
    Map<String, String> jwk = new LinkedHashMap<>();
    jwk.put("kty", "OKP");
    jwk.put("crv", "Ed25519");
    jwk.put("x", SignatureScheme.base64Url(raw));
    return new KeyForms(jwk, null);
  }

  private static Bytes message(SigningInput input) {
    if (input instanceof SigningInput.Message message) return message.message();
    // SigningInput.requireSupportedBy refuses hashes for Ed25519 before a scheme is asked.
    throw new IllegalArgumentException("Ed25519 signs whole messages only");
  }
}
