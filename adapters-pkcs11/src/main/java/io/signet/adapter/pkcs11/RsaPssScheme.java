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
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.RSAKeyParameters;
import org.bouncycastle.crypto.signers.PSSSigner;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * RSA-PSS-3072: RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (RFC 8017) with a 3072-bit
 * token key (sensitive, never extractable, sign-only), protection {@code hsm}. The SHA-256 hash is
 * computed in process (or is the caller's) and the token signs it with CKM_RSA_PKCS_PSS, so a
 * message and its SHA-256 hash give interchangeable signatures. Verification is BouncyCastle's PSS
 * over the same hash, with exactly these parameters.
 */
final class RsaPssScheme implements SignatureScheme {
  private static final int BITS = 3072;
  private static final int SALT = 32;

  @Override
  public Algorithm algorithm() {
    return Algorithm.RSA_PSS_3072;
  }

  @Override
  public GeneratedKey generate(KeyName name, SchemeKeys keys) {
    PublicKey publicKey =
        keys.generateKeyPair(
            name, "RSA", new RSAKeyGenParameterSpec(BITS, RSAKeyGenParameterSpec.F4));
    return new GeneratedKey(Bytes.of(publicKey.getEncoded()), Protection.HSM, null);
  }

  @Override
  public Bytes sign(KeyVersion key, SigningInput input, SchemeKeys keys) {
    return Bytes.of(keys.signRsaPssSha256(key.name(), hash(input), SALT));
  }

  @Override
  public boolean verify(Bytes spki, SigningInput input, Bytes signature) {
    RSAKeyParameters publicKey = rsa(spki);
    PSSSigner verifier =
        PSSSigner.createRawSigner(
            new RSABlindedEngine(),
            new SHA256Digest(),
            new SHA256Digest(),
            SALT,
            PSSSigner.TRAILER_IMPLICIT);
    verifier.init(false, publicKey);
    byte[] hash = hash(input);
    verifier.update(hash, 0, hash.length);
    try {
      return verifier.verifySignature(signature.toArray());
    } catch (RuntimeException malformed) {
      return false;
    }
  }

  @Override
  public PublicKey publicKey(Bytes spki) throws GeneralSecurityException {
    return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(spki.toArray()));
  }

  @Override
  public KeyForms forms(Bytes spki) {
    RSAKeyParameters key = rsa(spki);
    Map<String, String> jwk = new LinkedHashMap<>();
    jwk.put("kty", "RSA");
    jwk.put("n", SignatureScheme.base64Url(key.getModulus(), 0));
    jwk.put("e", SignatureScheme.base64Url(key.getExponent(), 0));
    return new KeyForms(jwk, null);
  }

  private static RSAKeyParameters rsa(Bytes spki) {
    try {
      return (RSAKeyParameters) PublicKeyFactory.createKey(spki.toArray());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("stored RSA public key does not decode", e);
    }
  }

  private static byte[] hash(SigningInput input) {
    return switch (input) {
      case SigningInput.Digest digest -> digest.hash().toArray();
      case SigningInput.Message message -> Bytes.sha256(message.message().toArray()).toArray();
    };
  }
}
