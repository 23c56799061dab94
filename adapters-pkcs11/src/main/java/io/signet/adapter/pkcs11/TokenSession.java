package io.signet.adapter.pkcs11;

import io.micronaut.context.annotation.Context;
import io.signet.application.StartupFailure;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.security.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import sun.security.pkcs11.wrapper.CK_TOKEN_INFO;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Signet's connection to its token: the PKCS#11 library, the slot found by token label, the
 * SunPKCS11 provider for it, the login (through the provider's key store) and the management
 * session of {@link TokenObjects}. Refuses to start with one clear line when the library, the label
 * or the PIN is wrong. When the token lost its sessions or the login (an HSM restart), {@link
 * #healthy()} reopens and logs in again, then tells the listeners registered with {@link
 * #onReconnect} to drop object handles they hold (handles are session-scoped on some HSMs).
 */
@Context
final class TokenSession {
  private static final Logger LOG = LoggerFactory.getLogger(TokenSession.class);
  private static final AtomicInteger PROVIDERS = new AtomicInteger();

  private final Pkcs11Settings settings;
  private final String tokenLabel;
  private final TokenInfo info;
  private final Provider provider;
  private final KeyStore keyStore;
  private final TokenObjects objects;
  private final TokenMechanisms mechanisms;
  private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();

  /** What the token says about itself (CK_TOKEN_INFO), for logs and attestation. */
  record TokenInfo(
      String label, String manufacturer, String model, String serialNumber, String firmware) {}

  TokenSession(Pkcs11Settings settings) {
    this.settings = settings;
    Path library = settings.library();
    this.tokenLabel = settings.tokenLabel();
    PKCS11 p11 = load(library);
    long slot = findSlot(p11, tokenLabel);
    try {
      CK_TOKEN_INFO token = p11.C_GetTokenInfo(slot);
      this.info =
          new TokenInfo(
              tokenLabel,
              new String(token.manufacturerID).strip(),
              new String(token.model).strip(),
              new String(token.serialNumber).strip(),
              token.firmwareVersion.major + "." + token.firmwareVersion.minor);
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
    reconnectListeners.add(mechanisms::reset);
    LOG.info(
        "HSM token '{}' ({} {}, serial {}) logged in",
        tokenLabel,
        info.manufacturer(),
        info.model(),
        info.serialNumber());
  }

  String tokenLabel() {
    return tokenLabel;
  }

  TokenInfo info() {
    return info;
  }

  Provider provider() {
    return provider;
  }

  /** The provider's key store; callers synchronize on it (it is not safe for concurrent use). */
  KeyStore keyStore() {
    return keyStore;
  }

  TokenObjects objects() {
    return objects;
  }

  /** Mechanisms SunPKCS11 does not expose (Ed25519, RSA-PSS over a hash), via the wrapper. */
  TokenMechanisms mechanisms() {
    return mechanisms;
  }

  /** Runs {@code listener} after every successful reconnect: drop cached object handles there. */
  void onReconnect(Runnable listener) {
    reconnectListeners.add(listener);
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
      if (loggedIn) {
        reconnectListeners.forEach(Runnable::run);
        LOG.warn("HSM token '{}': session reopened and logged in again", tokenLabel);
      }
      return loggedIn;
    } catch (Exception e) {
      LOG.warn("HSM token '{}' still unavailable{}", tokenLabel, Pkcs11Errors.code(e));
      return false;
    } finally {
      if (pin != null) Arrays.fill(pin, '\0');
    }
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
