package io.signet.adapter.pkcs11;

import io.micronaut.context.annotation.Context;
import io.signet.application.StartupFailure;
import io.signet.domain.SignetException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * The HSM token Signet works with: the SunPKCS11 provider for the configured library and token
 * label, logged in once, and its key store. Created eagerly at start-up, where it runs a self-test
 * (generate a throwaway P-256 key on the token, sign, verify, destroy it) and refuses to start with
 * one clear line when the library, the label, the PIN or the self-test fails.
 *
 * <p>Private keys it generates are token objects with CKA_SENSITIVE=true, CKA_EXTRACTABLE=false and
 * sign-only usage; the token sets CKA_LOCAL, CKA_ALWAYS_SENSITIVE and CKA_NEVER_EXTRACTABLE.
 */
@Context
public final class Pkcs11Token {
  static final String LABEL_PREFIX = "signet.";
  private static final Logger LOG = LoggerFactory.getLogger(Pkcs11Token.class);
  private static final String SELF_TEST_LABEL = "signet-selftest";
  private static final AtomicInteger PROVIDERS = new AtomicInteger();

  private final String tokenLabel;
  private final String serialNumber;
  private final String manufacturer;
  private final String model;
  private final Provider provider;
  private final KeyStore keyStore;
  private final TokenObjects objects;
  private final TokenMechanisms mechanisms;
  private final Pkcs11Settings settings;
  private final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();

  Pkcs11Token(Pkcs11Settings settings) {
    this.settings = settings;
    Path library = settings.library();
    this.tokenLabel = settings.tokenLabel();
    PKCS11 p11 = load(library);
    long slot = findSlot(p11, tokenLabel);
    try {
      CK_TOKEN_INFO info = p11.C_GetTokenInfo(slot);
      this.serialNumber = new String(info.serialNumber).strip();
      this.manufacturer = new String(info.manufacturerID).strip();
      this.model = new String(info.model).strip();
    } catch (PKCS11Exception e) {
      throw new StartupFailure("cannot read token " + tokenLabel + Pkcs11Errors.code(e), e);
    }
    this.provider = configure(library, slot, PROVIDERS.incrementAndGet());
    this.keyStore = login(provider, settings);
    try {
      this.objects = new TokenObjects(p11, slot);
    } catch (PKCS11Exception e) {
      throw new StartupFailure(
          "cannot open a session on token " + tokenLabel + Pkcs11Errors.code(e), e);
    }
    this.mechanisms = new TokenMechanisms(p11, slot);
    selfTest();
    LOG.info(
        "HSM token '{}' ({} {}, serial {}) ready", tokenLabel, manufacturer, model, serialNumber);
  }

  public String tokenLabel() {
    return tokenLabel;
  }

  Provider provider() {
    return provider;
  }

  TokenObjects objects() {
    return objects;
  }

  /** Mechanisms SunPKCS11 does not expose (Ed25519, RSA-PSS over a hash), via the wrapper. */
  TokenMechanisms mechanisms() {
    return mechanisms;
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
      KeyPairGenerator generator = KeyPairGenerator.getInstance(keyAlgorithm, provider);
      generator.initialize(parameters);
      KeyPair pair = generator.generateKeyPair();
      X509Certificate certificate = selfSigned(label, pair);
      synchronized (keyStore) {
        keyStore.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {certificate});
      }
      if (!objects.labelKeyOfCertificate(label)) {
        throw new IllegalStateException("the generated key could not be labelled " + label);
      }
      privateKeys.put(label, pair.getPrivate());
      return certificate.getPublicKey();
    } catch (Exception e) {
      throw Pkcs11Errors.translate(keyAlgorithm + " key generation", e);
    }
  }

  /** The private key object labelled {@code label}, or NotFound when the token has none. */
  PrivateKey privateKey(String label) {
    PrivateKey cached = privateKeys.get(label);
    if (cached != null) return cached;
    try {
      PrivateKey key;
      synchronized (keyStore) {
        key = (PrivateKey) keyStore.getKey(label, null);
      }
      if (key == null) {
        throw new SignetException.NotFound("no private key object " + label + " on the token");
      }
      privateKeys.put(label, key);
      return key;
    } catch (SignetException e) {
      throw e;
    } catch (Exception e) {
      throw Pkcs11Errors.translate("private key lookup", e);
    }
  }

  /**
   * The non-extractable AES-256 token key labelled {@code label}, generated on first use with
   * encrypt/decrypt-only usage (no wrap, no unwrap, no export).
   */
  SecretKey aesKey(String label) {
    try {
      synchronized (keyStore) {
        if (!keyStore.containsAlias(label)) {
          objects.ensureAesKey(label);
          keyStore.load(null, null);
        }
        SecretKey key = (SecretKey) keyStore.getKey(label, null);
        if (key == null)
          throw new IllegalStateException("no secret key " + label + " after generation");
        return key;
      }
    } catch (Exception e) {
      throw Pkcs11Errors.translate("key-encryption key set-up", e);
    }
  }

  /** Destroys every token object labelled {@code label}. Idempotent. */
  void destroy(String label) {
    privateKeys.remove(label);
    try {
      synchronized (keyStore) {
        if (keyStore.containsAlias(label)) keyStore.deleteEntry(label);
      }
      objects.destroy(label);
    } catch (Exception e) {
      throw Pkcs11Errors.translate("key destruction", e);
    }
  }

  /** Labels of Signet's key objects on the token. */
  List<String> keyLabels() {
    try {
      return new ArrayList<>(objects.keyLabels(LABEL_PREFIX));
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("object listing", e);
    }
  }

  /** The security attributes of a key object as the token reports them; empty if none. */
  public Map<String, Boolean> keyAttributes(String label) {
    try {
      return objects.keyAttributes(label);
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("attribute read", e);
    }
  }

  /**
   * True when the token answers and Signet is logged in to it. When it is not (the HSM restarted,
   * lost its sessions or its login), this reopens the session and logs in again with the configured
   * PIN, so that readiness recovers by itself once the HSM is back.
   */
  boolean healthy() {
    try {
      if (objects.loggedIn()) return true;
    } catch (PKCS11Exception | RuntimeException e) {
      LOG.warn("HSM token '{}' does not answer{}", tokenLabel, Pkcs11Errors.code(e));
    }
    return reconnect();
  }

  private synchronized boolean reconnect() {
    char[] pin = null;
    try {
      objects.reopen();
      pin = settings.pin();
      synchronized (keyStore) {
        keyStore.load(null, pin);
      }
      boolean loggedIn = objects.loggedIn();
      if (loggedIn) LOG.warn("HSM token '{}': session reopened and logged in again", tokenLabel);
      return loggedIn;
    } catch (Exception e) {
      LOG.warn("HSM token '{}' still unavailable{}", tokenLabel, Pkcs11Errors.code(e));
      return false;
    } finally {
      if (pin != null) Arrays.fill(pin, '\0');
    }
  }

  private void selfTest() {
    try {
      destroy(SELF_TEST_LABEL);
      PublicKey publicKey = generateEcKey(SELF_TEST_LABEL);
      byte[] probe = "signet self-test".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance("SHA256withECDSA", provider);
      signer.initSign(privateKey(SELF_TEST_LABEL));
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance("SHA256withECDSA");
      verifier.initVerify(publicKey);
      verifier.update(probe);
      if (!verifier.verify(signature)) {
        throw new StartupFailure("HSM self-test failed: the token's signature does not verify");
      }
      Map<String, Boolean> attributes = objects.keyAttributes(SELF_TEST_LABEL);
      if (!Boolean.TRUE.equals(attributes.get("CKA_SENSITIVE"))
          || !Boolean.FALSE.equals(attributes.get("CKA_EXTRACTABLE"))) {
        throw new StartupFailure(
            "HSM self-test failed: generated keys are not sensitive and non-extractable: "
                + attributes);
      }
      destroy(SELF_TEST_LABEL);
      if (objects.exists(SELF_TEST_LABEL)) {
        throw new StartupFailure("HSM self-test failed: the throwaway key could not be destroyed");
      }
    } catch (StartupFailure e) {
      throw e;
    } catch (Exception e) {
      throw new StartupFailure(
          "HSM self-test failed" + Pkcs11Errors.code(e) + ": " + e.getMessage(), e);
    }
  }

  private X509Certificate selfSigned(String label, KeyPair pair) throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    X500Name name = new X500Name("CN=" + label);
    var builder =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(63, new java.security.SecureRandom()),
            Date.from(now),
            Date.from(now.plus(36500, ChronoUnit.DAYS)),
            name,
            pair.getPublic());
    var signer =
        new JcaContentSignerBuilder(
                pair.getPublic().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
            .setProvider(provider)
            .build(pair.getPrivate());
    // BouncyCastle reads the certificate back: the JDK no longer knows secp256k1.
    return new JcaX509CertificateConverter()
        .setProvider(BouncyCastle.provider())
        .getCertificate(builder.build(signer));
  }

  private static PKCS11 load(Path library) {
    try {
      CK_C_INITIALIZE_ARGS args = new CK_C_INITIALIZE_ARGS();
      args.flags = PKCS11Constants.CKF_OS_LOCKING_OK;
      return PKCS11.getInstance(library.toString(), "C_GetFunctionList", args, false);
    } catch (Exception e) {
      throw new StartupFailure(
          "cannot load the PKCS#11 library "
              + library
              + Pkcs11Errors.code(e)
              + " (SIGNET_PKCS11_LIBRARY)",
          e);
    }
  }

  private static long findSlot(PKCS11 p11, String label) {
    List<String> seen = new ArrayList<>();
    try {
      for (long slot : p11.C_GetSlotList(true)) {
        String found = new String(p11.C_GetTokenInfo(slot).label).strip();
        if (found.equals(label)) return slot;
        seen.add(found);
      }
    } catch (PKCS11Exception e) {
      throw new StartupFailure("cannot list the token slots" + Pkcs11Errors.code(e), e);
    }
    throw new StartupFailure(
        "no token labelled '" + label + "' (SIGNET_PKCS11_TOKEN_LABEL); tokens present: " + seen);
  }

  /**
   * Configures SunPKCS11 for the slot and installs it (last in preference, under a name of its
   * own): BouncyCastle's composite signer looks the ECDSA half up through the JCA, which finds only
   * installed providers.
   */
  private static Provider configure(Path library, long slot, int instance) {
    String config =
        String.join(
            "\n",
            "--name = Signet-" + instance,
            "library = " + library,
            "slot = " + slot,
            "attributes(generate, CKO_PRIVATE_KEY, *) = {",
            "  CKA_TOKEN = true",
            "  CKA_PRIVATE = true",
            "  CKA_SENSITIVE = true",
            "  CKA_EXTRACTABLE = false",
            "  CKA_SIGN = true",
            "  CKA_DECRYPT = false",
            "  CKA_UNWRAP = false",
            "  CKA_DERIVE = false",
            "}");
    try {
      Provider configured = Security.getProvider("SunPKCS11").configure(config);
      Security.addProvider(configured);
      return configured;
    } catch (RuntimeException e) {
      throw new StartupFailure(
          "cannot configure SunPKCS11 for " + library + Pkcs11Errors.code(e), e);
    }
  }

  private static KeyStore login(Provider provider, Pkcs11Settings settings) {
    char[] pin = settings.pin();
    try {
      KeyStore store = KeyStore.getInstance("PKCS11", provider);
      store.load(null, pin);
      return store;
    } catch (Exception e) {
      String code = Pkcs11Errors.code(e);
      String hint =
          code.contains("CKR_PIN_INCORRECT")
              ? ": wrong PIN (SIGNET_PKCS11_PIN / SIGNET_PKCS11_PIN_FILE)"
              : code.contains("CKR_PIN_LOCKED") ? ": the user PIN is locked" : "";
      throw new StartupFailure("token login failed" + code + hint, e);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }
}
