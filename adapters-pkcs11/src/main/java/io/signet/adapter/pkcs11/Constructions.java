package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SigningInput;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHAKEDigest;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;

/**
 * The standard signature constructions, in one place for signing and verifying:
 *
 * <ul>
 *   <li>Dilithium3, message: pure ML-DSA-65 (FIPS 204 Algorithm 2) with the context string.
 *   <li>Dilithium3, hash: HashML-DSA-65 (FIPS 204 Algorithm 4) over the caller's hash: the message
 *       representative μ = SHAKE256(tr ‖ 0x01 ‖ |ctx| ‖ ctx ‖ OID(hash) ‖ hash), signed with
 *       BouncyCastle's external-μ ML-DSA. BouncyCastle's own HashML-DSA (SHA-512 only, and it
 *       hashes the message itself) verifies the SHA-512 case, which tests show.
 *   <li>Composite: BouncyCastle's id-MLDSA65-ECDSA-P256-SHA512; for a hash, its pre-hash variant
 *       takes the message's SHA-512 and yields exactly the composite signature of the message.
 * </ul>
 *
 * {@code random} null signs deterministically (only for known-answer tests); otherwise hedged.
 */
final class Constructions {
  private static final String ML_DSA = "ML-DSA";
  private static final String ML_DSA_EXTERNAL_MU = "ML-DSA-EXTERNAL-MU";
  private static final String COMPOSITE = "MLDSA65-ECDSA-P256-SHA512";
  private static final String COMPOSITE_PREHASH = "MLDSA65-ECDSA-P256-SHA512-PREHASH";

  private Constructions() {}

  /**
   * Signs {@code input}. {@code privateKey} is the ML-DSA key, or for a composite the composite key
   * whose ECDSA half lives on the token; {@code publicKeySpki} is needed for HashML-DSA's tr.
   */
  static Bytes sign(
      Algorithm algorithm,
      PrivateKey privateKey,
      Bytes publicKeySpki,
      SigningInput input,
      SecureRandom random)
      throws GeneralSecurityException {
    Signature signer = signer(scheme(algorithm, input), privateKey, random);
    feed(signer, algorithm, publicKeySpki, input);
    return Bytes.of(signer.sign());
  }

  /** Signs a message representative μ directly (FIPS 204 ML-DSA.Sign_internal's μ form). */
  static byte[] signMu(PrivateKey mlDsaKey, byte[] mu, SecureRandom random)
      throws GeneralSecurityException {
    Signature signer = signer(ML_DSA_EXTERNAL_MU, mlDsaKey, random);
    signer.update(mu);
    return signer.sign();
  }

  static boolean verify(
      Algorithm algorithm,
      PublicKey publicKey,
      Bytes publicKeySpki,
      SigningInput input,
      Bytes signature) {
    try {
      Signature verifier = Signature.getInstance(scheme(algorithm, input), BouncyCastle.provider());
      verifier.initVerify(publicKey);
      feed(verifier, algorithm, publicKeySpki, input);
      return verifier.verify(signature.toArray());
    } catch (GeneralSecurityException | RuntimeException malformed) {
      return false;
    }
  }

  /** A BouncyCastle signer, hedged with {@code random}, or deterministic when it is null. */
  private static Signature signer(String scheme, PrivateKey key, SecureRandom random)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance(scheme, BouncyCastle.provider());
    if (random == null) signer.initSign(key);
    else signer.initSign(key, random);
    return signer;
  }

  private static String scheme(Algorithm algorithm, SigningInput input) {
    return switch (algorithm) {
      case DILITHIUM3 -> input instanceof SigningInput.Digest ? ML_DSA_EXTERNAL_MU : ML_DSA;
      case COMPOSITE_ML_DSA -> input instanceof SigningInput.Digest ? COMPOSITE_PREHASH : COMPOSITE;
    };
  }

  private static void feed(
      Signature signature, Algorithm algorithm, Bytes publicKeySpki, SigningInput input)
      throws GeneralSecurityException {
    switch (input) {
      case SigningInput.Message message -> {
        setContext(signature, message.context());
        signature.update(message.message().toArray());
      }
      case SigningInput.Digest digest -> {
        if (algorithm == Algorithm.DILITHIUM3) {
          signature.update(hashMlDsaMu(publicKeySpki, digest));
        } else {
          setContext(signature, digest.context());
          signature.update(digest.hash().toArray());
        }
      }
    }
  }

  private static void setContext(Signature signature, Bytes context)
      throws GeneralSecurityException {
    if (context.length() > 0) signature.setParameter(new ContextParameterSpec(context.toArray()));
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
