package io.signet.adapter.pkcs11;

import io.signet.domain.SignetException;
import jakarta.inject.Singleton;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Private key objects on the token: generated there (sensitive, never extractable, sign-only),
 * found again by label, inspected, destroyed. A key object is checked against {@link
 * KeyObjectPolicy#SIGNING} when it is generated and when it is first loaded; loaded keys (their
 * object handles) are remembered until the session is re-established, then looked up again.
 */
@Singleton
final class TokenKeys {
  private final TokenSession session;
  private final Map<String, PrivateKey> loaded = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  TokenKeys(TokenSession session) {
    this.session = session;
    session.onReconnect(loaded::clear);
  }

  /**
   * Generates a P-256 key pair whose private half is a non-extractable token object labelled {@code
   * label}, and returns its public key. The key is stored in the key store under the label with a
   * self-signed certificate, which is how PKCS#11 key stores find private keys again.
   */
  PublicKey generateEcKey(String label) {
    return generateKeyPair(label, "EC", new ECGenParameterSpec("secp256r1"));
  }

  /**
   * Generates a {@code keyAlgorithm} key pair with {@code parameters} whose private half is a
   * non-extractable token object labelled {@code label}, as {@link #generateEcKey} does.
   */
  PublicKey generateKeyPair(String label, String keyAlgorithm, AlgorithmParameterSpec parameters) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, session.provider());
      generator.initialize(parameters);
      KeyPair pair = generator.generateKeyPair();
      X509Certificate certificate = selfSigned(label, pair);
      KeyStore keyStore = session.keyStore();
      synchronized (keyStore) {
        keyStore.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {certificate});
      }
      if (!session.objects().labelKeyOfCertificate(label)) {
        throw new IllegalStateException("the generated key could not be labelled " + label);
      }
      KeyObjectPolicy.SIGNING.require(label, keyAttributes(label));
      loaded.put(label, pair.getPrivate());
      return certificate.getPublicKey();
    } catch (Exception e) {
      throw Pkcs11Errors.translate(keyAlgorithm + " key generation", e);
    }
  }

  /**
   * The private key object labelled {@code label}, checked against the signing policy; NotFound
   * when the token has none.
   */
  PrivateKey privateKey(String label) {
    PrivateKey cached = loaded.get(label);
    if (cached != null) return cached;
    try {
      PrivateKey key;
      KeyStore keyStore = session.keyStore();
      synchronized (keyStore) {
        key = (PrivateKey) keyStore.getKey(label, null);
      }
      if (key == null) {
        throw new SignetException.NotFound("no private key object " + label + " on the token");
      }
      KeyObjectPolicy.SIGNING.require(label, keyAttributes(label));
      loaded.put(label, key);
      return key;
    } catch (Exception e) {
      throw Pkcs11Errors.translate("private key lookup", e);
    }
  }

  /** Destroys every token object labelled {@code label} (key, certificate). Idempotent. */
  void destroy(String label) {
    loaded.remove(label);
    try {
      KeyStore keyStore = session.keyStore();
      synchronized (keyStore) {
        if (keyStore.containsAlias(label)) keyStore.deleteEntry(label);
      }
      session.objects().destroy(label);
    } catch (Exception e) {
      throw Pkcs11Errors.translate("key destruction", e);
    }
  }

  /**
   * Labels of the token's private and secret key objects whose label starts with {@code prefix}.
   */
  List<String> labels(String prefix) {
    try {
      return session.objects().keyLabels(prefix);
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("object listing", e);
    }
  }

  /** The security attributes of a key object as the token reports them; empty if none. */
  Map<String, Boolean> keyAttributes(String label) {
    try {
      return session.objects().keyAttributes(label);
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("attribute read", e);
    }
  }

  private X509Certificate selfSigned(String label, KeyPair pair) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X500Name name = new X500Name("CN=" + label);
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(63, random),
            Date.from(now),
            Date.from(now.plus(36500, ChronoUnit.DAYS)),
            name,
            pair.getPublic());
    var signer =
        new JcaContentSignerBuilder(
                pair.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
            .setProvider(session.provider())
            .build(pair.getPrivate());
    // BouncyCastle reads the certificate back: the JDK no longer knows secp256k1.
    return new JcaX509CertificateConverter()
        .setProvider(BouncyCastle.provider())
        .getCertificate(builder.build(signer));
  }
}
