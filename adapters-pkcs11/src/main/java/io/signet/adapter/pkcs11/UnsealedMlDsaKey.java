package io.signet.adapter.pkcs11;

import io.signet.domain.Bytes;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.jcajce.interfaces.MLDSAPrivateKey;

/**
 * An unsealed ML-DSA-65 private key, decoded once for each implementation that signs with it: the
 * JDK's (pure ML-DSA with an empty context, the common case) and BouncyCastle's (contexts,
 * HashML-DSA, the composite). This is what {@link DecryptedKeyCache} holds, so no signature decodes
 * a key.
 *
 * <p>Sealed keys come in every RFC 9881 private-key form: releases before JDK signing sealed
 * BouncyCastle's seed-and-expanded form, later ones the JDK's expandedKey form. BouncyCastle reads
 * them all; the JDK 25 reads only expandedKey, so it is given BouncyCastle's expandedKey encoding
 * of the same key. Stored blobs are never rewritten for this.
 *
 * <p>Deliberately no {@code equals}, {@code hashCode} or {@code toString}: it holds key material.
 */
final class UnsealedMlDsaKey {
  private final PrivateKey jdk;
  private final PrivateKey bouncyCastle;

  private UnsealedMlDsaKey(PrivateKey jdk, PrivateKey bouncyCastle) {
    this.jdk = jdk;
    this.bouncyCastle = bouncyCastle;
  }

  /**
   * Decodes a PKCS#8 ML-DSA-65 private key in the seed, expandedKey or both form, and checks that
   * it belongs to {@code spki} (the version's public key): a key that does not is never used. The
   * caller wipes {@code pkcs8}.
   */
  static UnsealedMlDsaKey decode(byte[] pkcs8, Bytes spki) throws GeneralSecurityException {
    PrivateKey bouncyCastle =
        KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
            .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    if (!(bouncyCastle instanceof MLDSAPrivateKey mlDsa)
        || !"ML-DSA-65".equals(mlDsa.getParameterSpec().getName())) {
      throw new GeneralSecurityException("not an ML-DSA-65 private key");
    }
    if (!MessageDigest.isEqual(mlDsa.getPublicKey().getEncoded(), spki.toArray())) {
      throw new GeneralSecurityException("the private key does not belong to the public key");
    }
    byte[] expanded = mlDsa.getPrivateKey(false).getEncoded();
    try {
      return new UnsealedMlDsaKey(JdkMlDsa.privateKey(expanded), bouncyCastle);
    } finally {
      Arrays.fill(expanded, (byte) 0);
    }
  }

  /** The key for the JDK's {@code Signature} (provider SUN). */
  PrivateKey jdk() {
    return jdk;
  }

  /** The key for BouncyCastle's {@code Signature}s. */
  PrivateKey bouncyCastle() {
    return bouncyCastle;
  }
}
