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
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.SHAKEDigest;

/**
 * Dilithium3: ML-DSA-65 (FIPS 204). Tokens without an ML-DSA mechanism (SoftHSM 2.6) cannot hold
 * the key, so it is generated in process (by the JDK, in the expandedKey PKCS#8 form that both the
 * JDK and BouncyCastle read), sealed at once ({@link SchemeKeys#seal}) and its plaintext encoding
 * wiped: protection {@code hsm-wrapped}.
 *
 * <ul>
 *   <li>message, empty context: pure ML-DSA-65 (FIPS 204 Algorithm 2/3) with the JDK's own
 *       implementation ({@link JdkMlDsa}), the fastest here; the standard result, byte for byte
 *       what BouncyCastle makes from the same randomness.
 *   <li>message with a context string: the same with BouncyCastle (the JDK takes no context).
 *   <li>hash: HashML-DSA-65 (FIPS 204 Algorithm 4) over the caller's hash: the message
 *       representative μ = SHAKE256(tr ‖ 0x01 ‖ |ctx| ‖ ctx ‖ OID(hash) ‖ hash), signed with
 *       BouncyCastle's external-μ ML-DSA. BouncyCastle's own HashML-DSA (SHA-512 only, and it
 *       hashes the message itself) verifies the SHA-512 case, which tests show.
 * </ul>
 *
 * Signing is always hedged with the given randomness; known-answer tests pass a fixed one (32 zero
 * bytes is FIPS 204's deterministic variant).
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
    return sign(privateKey(key, keys, key::publicKey), key.publicKey(), input, keys.random());
  }

  @Override
  public boolean verify(Bytes spki, SigningInput input, Bytes signature) {
    if (isPure(input)) {
      PublicKey jdkKey;
      try {
        jdkKey = JdkMlDsa.publicKey(spki.toArray());
      } catch (GeneralSecurityException | RuntimeException e) {
        throw new IllegalStateException("stored ML-DSA-65 public key does not decode", e);
      }
      return verifyWithJdk(jdkKey, input.payload(), signature);
    }
    return verifyWithBouncyCastle(decode(spki), spki, input, signature);
  }

  @Override
  public boolean verifyDecoded(
      PublicKey publicKey, Bytes spki, SigningInput input, Bytes signature) {
    if (isPure(input)) {
      return verifyWithJdk(publicKey, input.payload(), signature);
    }
    return verifyWithBouncyCastle(decode(spki), spki, input, signature);
  }

  /**
   * The JDK's decoding of {@code spki}, which the verifier keeps per version: the hot path (pure
   * ML-DSA, empty context) verifies with the JDK; contexts and HashML-DSA decode for BouncyCastle.
   */
  @Override
  public PublicKey publicKey(Bytes spki) throws GeneralSecurityException {
    return JdkMlDsa.publicKey(spki.toArray());
  }

  /**
   * A fresh ML-DSA-65 key pair, in process, from the JDK: its private key encodes in the
   * expandedKey PKCS#8 form, which both the JDK and BouncyCastle read.
   */
  static KeyPair generateKeyPair() {
    return JdkMlDsa.generateKeyPair();
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

  /**
   * The version's ML-DSA private key, unsealed (from the cache, once decoded) and checked against
   * its ML-DSA public key, which {@code mlDsaPublicKey} gives when the key is unsealed.
   */
  static UnsealedMlDsaKey privateKey(
      KeyVersion key, SchemeKeys keys, Supplier<Bytes> mlDsaPublicKey) {
    return keys.unsealed(key, plain -> decodePrivateKey(key.name(), plain, mlDsaPublicKey.get()));
  }

  /**
   * A sealed key's plaintext, decoded and checked against the ML-DSA public key {@code spki}; the
   * caller wipes {@code plain}.
   */
  static UnsealedMlDsaKey decodePrivateKey(Object owner, byte[] plain, Bytes spki) {
    try {
      return UnsealedMlDsaKey.decode(plain, spki);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("sealed key of " + owner + " does not decode", e);
    }
  }

  /**
   * Signs {@code input}, hedged with {@code random}: pure ML-DSA with an empty context with the
   * JDK, everything else with BouncyCastle. {@code publicKeySpki} is needed for HashML-DSA's tr.
   */
  static Bytes sign(
      UnsealedMlDsaKey privateKey, Bytes publicKeySpki, SigningInput input, SecureRandom random)
      throws GeneralSecurityException {
    if (isPure(input)) {
      return Bytes.of(JdkMlDsa.sign(privateKey.jdk(), input.payload().toArray(), random));
    }
    return signWithBouncyCastle(privateKey.bouncyCastle(), publicKeySpki, input, random);
  }

  /** Signs {@code input} with BouncyCastle (any context, HashML-DSA). */
  static Bytes signWithBouncyCastle(
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

  /** Pure ML-DSA with an empty context verified by the JDK; malformed is simply not valid. */
  static boolean verifyWithJdk(PublicKey jdkKey, Bytes message, Bytes signature) {
    try {
      return JdkMlDsa.verify(jdkKey, message.toArray(), signature.toArray());
    } catch (GeneralSecurityException | RuntimeException malformed) {
      return false;
    }
  }

  /** Any input verified by BouncyCastle; malformed is simply not valid. */
  static boolean verifyWithBouncyCastle(
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

  /** Pure ML-DSA with an empty context: what the JDK signs and verifies. */
  private static boolean isPure(SigningInput input) {
    return input instanceof SigningInput.Message && input.context().length() == 0;
  }

  private static PublicKey decode(Bytes spki) {
    try {
      return KeyFactory.getInstance(ML_DSA, BouncyCastle.provider())
          .generatePublic(new X509EncodedKeySpec(spki.toArray()));
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
