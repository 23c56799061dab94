package io.signet.adapter.pkcs11;

import io.signet.application.port.KeyCustody.GeneratedKey;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SigningInput;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * Dilithium3: ML-DSA-65 (FIPS 204). Tokens without an ML-DSA mechanism (SoftHSM 2.6) cannot hold
 * the key, so it is generated in process with BouncyCastle, sealed at once ({@link
 * SchemeKeys#seal}) and its plaintext encoding wiped: protection {@code hsm-wrapped}.
 *
 * <ul>
 *   <li>message: pure ML-DSA-65 (FIPS 204 Algorithm 2) with the context string.
 *   <li>hash: HashML-DSA-65 (FIPS 204 Algorithm 4) over the caller's hash: the message
 *       representative μ = SHAKE256(tr ‖ 0x01 ‖ |ctx| ‖ ctx ‖ OID(hash) ‖ hash), signed with
 *       BouncyCastle's external-μ ML-DSA. BouncyCastle's own HashML-DSA (SHA-512 only, and it
 *       hashes the message itself) verifies the SHA-512 case, which tests show.
 * </ul>
 *
 * {@code random} null signs deterministically (only for known-answer tests); otherwise hedged.
 */
final class MlDsa65Scheme implements SignatureScheme {
  private static final String ML_DSA = "ML-DSA";
  private static final String ML_DSA_EXTERNAL_MU = "ML-DSA-EXTERNAL-MU";

  @Override
  public Algorithm algorithm() {
    return Algorithm.DILITHIUM3;
  }

  @Override
  public GeneratedKey generate(KeyName name, SchemeKeys keys) {
    KeyPair pair = generateKeyPair();
    return new GeneratedKey(
        Bytes.of(pair.getPublic().getEncoded()), Protection.HSM_WRAPPED, seal(name, pair, keys));
  }

  @Override
  public Bytes sign(KeyVersion key, SigningInput input, SchemeKeys keys)
      throws GeneralSecurityException {
    return sign(privateKey(key, keys), key.publicKey(), input, keys.random());
  }

  @Override
  public boolean verify(Bytes spki, SigningInput input, Bytes signature) {
    return verify(decode(spki), spki, input, signature);
  }

  @Override
  public boolean verifyDecoded(
      PublicKey publicKey, Bytes spki, SigningInput input, Bytes signature) {
    return verify(publicKey, spki, input, signature);
  }

  @Override
  public PublicKey publicKey(Bytes spki) throws GeneralSecurityException {
    return KeyFactory.getInstance(ML_DSA, BouncyCastle.provider())
        .generatePublic(new X509EncodedKeySpec(spki.toArray()));
  }

  /** A fresh ML-DSA-65 key pair, in process (BouncyCastle). */
  static KeyPair generateKeyPair() {
    try {
      return KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("BouncyCastle has no ML-DSA-65", e);
    }
  }

  /** Seals the private half of {@code pair} for {@code name}, wiping its plaintext encoding. */
  static Bytes seal(KeyName name, KeyPair pair, SchemeKeys keys) {
    byte[] encoded = pair.getPrivate().getEncoded();
    try {
      return keys.seal(name, encoded);
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  /** The version's ML-DSA private key, unsealed. */
  static PrivateKey privateKey(KeyVersion key, SchemeKeys keys) {
    return keys.unsealed(
        key,
        plain -> {
          try {
            return KeyFactory.getInstance(ML_DSA, BouncyCastle.provider())
                .generatePrivate(new PKCS8EncodedKeySpec(plain));
          } catch (GeneralSecurityException e) {
            throw new IllegalStateException("sealed key of " + key.name() + " does not decode", e);
          }
        });
  }

  /** Signs {@code input}; {@code publicKeySpki} is needed for HashML-DSA's tr. */
  static Bytes sign(
      PrivateKey privateKey, Bytes publicKeySpki, SigningInput input, SecureRandom random)
      throws GeneralSecurityException {
    return switch (input) {
      case SigningInput.Message message -> {
        Signature signer = BouncyCastle.signer(ML_DSA, privateKey, random);
        BouncyCastle.setContext(signer, message.context());
        signer.update(message.message().toArray());
        yield Bytes.of(signer.sign());
      }
      case SigningInput.Digest digest ->
          Bytes.of(signMu(privateKey, hashMlDsaMu(publicKeySpki, digest), random));
    };
  }

  /** Signs a message representative μ directly (FIPS 204 ML-DSA.Sign_internal's μ form). */
  static byte[] signMu(PrivateKey mlDsaKey, byte[] mu, SecureRandom random)
      throws GeneralSecurityException {
    Signature signer = BouncyCastle.signer(ML_DSA_EXTERNAL_MU, mlDsaKey, random);
    signer.update(mu);
    return signer.sign();
  }

  static boolean verify(
      PublicKey publicKey, Bytes publicKeySpki, SigningInput input, Bytes signature) {
    try {
      Signature verifier;
      switch (input) {
        case SigningInput.Message message -> {
          verifier = BouncyCastle.verifier(ML_DSA, publicKey);
          BouncyCastle.setContext(verifier, message.context());
          verifier.update(message.message().toArray());
        }
        case SigningInput.Digest digest -> {
          verifier = BouncyCastle.verifier(ML_DSA_EXTERNAL_MU, publicKey);
          verifier.update(hashMlDsaMu(publicKeySpki, digest));
        }
      }
      return verifier.verify(signature.toArray());
    } catch (GeneralSecurityException | RuntimeException malformed) {
      return false;
    }
  }

  private PublicKey decode(Bytes spki) {
    try {
      return publicKey(spki);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("stored ML-DSA-65 public key does not decode", e);
    }
  }

  /** μ of HashML-DSA (FIPS 204 Algorithm 4 with Algorithm 7 line 6). */
  static byte[] hashMlDsaMu(Bytes publicKeySpki, SigningInput.Digest digest) {
    byte[] rawPublicKey =
        SubjectPublicKeyInfo.getInstance(publicKeySpki.toArray()).getPublicKeyData().getBytes();
    byte[] tr = shake256(64, rawPublicKey);
    byte[] context = digest.context().toArray();
    byte[] oid = oid(digest.algorithm());
    byte[] hash = digest.hash().toArray();
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(tr, 0, tr.length);
    shake.update((byte) 1);
    shake.update((byte) context.length);
    shake.update(context, 0, context.length);
    shake.update(oid, 0, oid.length);
    shake.update(hash, 0, hash.length);
    byte[] mu = new byte[64];
    shake.doFinal(mu, 0, mu.length);
    return mu;
  }

  private static byte[] shake256(int length, byte[] input) {
    SHAKEDigest shake = new SHAKEDigest(256);
    shake.update(input, 0, input.length);
    byte[] out = new byte[length];
    shake.doFinal(out, 0, length);
    return out;
  }

  private static byte[] oid(HashAlgorithm algorithm) {
    try {
      return new ASN1ObjectIdentifier(algorithm.oid()).getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
