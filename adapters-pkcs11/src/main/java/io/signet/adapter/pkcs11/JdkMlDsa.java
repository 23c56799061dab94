package io.signet.adapter.pkcs11;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Security;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The JDK's own ML-DSA-65 (provider {@code SUN}, JDK 24+), named explicitly so that no other
 * provider is picked by failover. About twice as fast as BouncyCastle's on the machines measured,
 * so it signs and verifies wherever it gives the standard result: pure ML-DSA-65 (FIPS 204
 * Algorithm 2/3) with an empty context, always hedged (a 32-byte {@code rnd} from the given
 * randomness).
 *
 * <p>What JDK 25 cannot do, and BouncyCastle therefore does: context strings (its {@code Signature}
 * takes no parameters), HashML-DSA, external μ, and the composite construction (whose ML-DSA half
 * signs with the composite's label as context). Its {@code KeyFactory} reads only the expandedKey
 * form of an RFC 9881 private key, not the seed or seed-and-expanded forms; keys it generates are
 * in that form, which BouncyCastle reads too.
 */
final class JdkMlDsa {
  private static final String ML_DSA = "ML-DSA";
  private static final Provider SUN = sun();

  private JdkMlDsa() {}

  /** A fresh ML-DSA-65 key pair; the private key encodes as an expandedKey PKCS#8. */
  static KeyPair generateKeyPair() {
    try {
      return KeyPairGenerator.getInstance("ML-DSA-65", SUN).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no ML-DSA-65", e);
    }
  }

  /** The JDK key of an expandedKey PKCS#8 ML-DSA private key. */
  static PrivateKey privateKey(byte[] expandedPkcs8) throws GeneralSecurityException {
    return KeyFactory.getInstance(ML_DSA, SUN)
        .generatePrivate(new PKCS8EncodedKeySpec(expandedPkcs8));
  }

  /** The JDK key of an ML-DSA SubjectPublicKeyInfo. */
  static PublicKey publicKey(byte[] spki) throws GeneralSecurityException {
    return KeyFactory.getInstance(ML_DSA, SUN).generatePublic(new X509EncodedKeySpec(spki));
  }

  /** Pure ML-DSA with an empty context, hedged with {@code random}. */
  static byte[] sign(PrivateKey key, byte[] message, SecureRandom random)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance(ML_DSA, SUN);
    signer.initSign(key, random);
    signer.update(message);
    return signer.sign();
  }

  /** Pure ML-DSA verification with an empty context. */
  static boolean verify(PublicKey key, byte[] message, byte[] signature)
      throws GeneralSecurityException {
    Signature verifier = Signature.getInstance(ML_DSA, SUN);
    verifier.initVerify(key);
    verifier.update(message);
    return verifier.verify(signature);
  }

  private static Provider sun() {
    Provider sun = Security.getProvider("SUN");
    if (sun == null || sun.getService("Signature", ML_DSA) == null) {
      throw new IllegalStateException("this JDK has no ML-DSA in its SUN provider (JDK 24+ has)");
    }
    return sun;
  }
}
