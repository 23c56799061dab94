package io.signet.adapter.pkcs11;

import io.signet.application.port.KeyCustody.GeneratedKey;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.SigningInput;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.CompositePrivateKey;
import org.bouncycastle.jcajce.CompositePublicKey;

/**
 * Composite-ML-DSA: BouncyCastle's IETF LAMPS id-MLDSA65-ECDSA-P256-SHA512 (OID
 * 1.3.6.1.5.5.7.6.45). The ECDSA P-256 half is a token key labelled with the version's name; the
 * ML-DSA-65 half is made and sealed as {@link MlDsa65Scheme} does, so the version is {@code
 * hsm-wrapped}. For a hash, the composite's pre-hash variant takes the message's SHA-512 and yields
 * exactly the composite signature of the message.
 *
 * <p>All of it is BouncyCastle's: the composite's ML-DSA half signs its message representative M'
 * with the composite's label as the ML-DSA context string, which the JDK's ML-DSA (no context
 * parameter in JDK 25) cannot do.
 */
final class CompositeMlDsaScheme implements SignatureScheme {
  static final ASN1ObjectIdentifier OID = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.6.45");
  private static final String COMPOSITE = "MLDSA65-ECDSA-P256-SHA512";
  private static final String COMPOSITE_PREHASH = "MLDSA65-ECDSA-P256-SHA512-PREHASH";

  @Override
  public Algorithm algorithm() {
    return Algorithm.COMPOSITE_ML_DSA;
  }

  @Override
  public GeneratedKey generate(KeyName name, SchemeKeys keys) {
    KeyPair mlDsa = MlDsa65Scheme.generateKeyPair();
    Bytes sealed = MlDsa65Scheme.seal(name, mlDsa, keys);
    PublicKey ec = keys.generateKeyPair(name, "EC", new ECGenParameterSpec("secp256r1"));
    byte[] composite = new CompositePublicKey(OID, mlDsa.getPublic(), ec).getEncoded();
    return new GeneratedKey(Bytes.of(composite), Protection.HSM_WRAPPED, sealed);
  }

  @Override
  public Bytes sign(KeyVersion key, SigningInput input, SchemeKeys keys)
      throws GeneralSecurityException {
    PrivateKey privateKey =
        new CompositePrivateKey(
            OID,
            MlDsa65Scheme.privateKey(key, keys, () -> mlDsaPublicKey(key.publicKey()))
                .bouncyCastle(),
            keys.tokenPrivateKey(key.name()));
    return sign(privateKey, input, keys.random());
  }

  /** Signs with a composite private key (its ECDSA half may live on the token). */
  static Bytes sign(PrivateKey privateKey, SigningInput input, SecureRandom random)
      throws GeneralSecurityException {
    Signature signer = BouncyCastle.signer(scheme(input), privateKey, random);
    feed(signer, input);
    return Bytes.of(signer.sign());
  }

  @Override
  public boolean verify(Bytes spki, SigningInput input, Bytes signature) {
    PublicKey publicKey;
    try {
      publicKey = publicKey(spki);
    } catch (RuntimeException e) {
      throw new IllegalStateException("stored composite public key does not decode", e);
    }
    return verifyDecoded(publicKey, spki, input, signature);
  }

  @Override
  public boolean verifyDecoded(
      PublicKey publicKey, Bytes spki, SigningInput input, Bytes signature) {
    try {
      Signature verifier = BouncyCastle.verifier(scheme(input), publicKey);
      feed(verifier, input);
      return verifier.verify(signature.toArray());
    } catch (GeneralSecurityException | RuntimeException malformed) {
      return false;
    }
  }

  @Override
  public CompositePublicKey publicKey(Bytes spki) {
    return new CompositePublicKey(SubjectPublicKeyInfo.getInstance(spki.toArray()));
  }

  /** The SubjectPublicKeyInfo of the composite's ML-DSA-65 half. */
  private Bytes mlDsaPublicKey(Bytes compositeSpki) {
    try {
      return Bytes.of(publicKey(compositeSpki).getPublicKeys().getFirst().getEncoded());
    } catch (RuntimeException e) {
      throw new IllegalStateException("stored composite public key does not decode", e);
    }
  }

  private static String scheme(SigningInput input) {
    return input instanceof SigningInput.Digest ? COMPOSITE_PREHASH : COMPOSITE;
  }

  private static void feed(Signature signature, SigningInput input)
      throws GeneralSecurityException {
    BouncyCastle.setContext(signature, input.context());
    signature.update(input.payload().toArray());
  }
}
