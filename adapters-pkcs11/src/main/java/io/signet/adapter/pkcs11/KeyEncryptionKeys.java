package io.signet.adapter.pkcs11;

import io.signet.domain.SignetException;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import sun.security.pkcs11.wrapper.PKCS11Exception;

/**
 * Key-encryption keys on the token: non-extractable AES-256 token keys usable only to encrypt and
 * decrypt (no wrap, no unwrap, no export), one per key version, used inside the token with
 * AES-256-GCM. A key-encryption key is checked against {@link KeyObjectPolicy#KEY_ENCRYPTION} when
 * it is created and when it is first used after each login; its object handle is looked up by label
 * on every use, so a reconnect (which may invalidate handles) needs nothing more.
 *
 * <p>Not through SunPKCS11's key store: that store refuses to load at all while two secret keys (or
 * a secret key and another object) share a label.
 */
@Singleton
final class KeyEncryptionKeys {
  /** The single key-encryption key of Signet before per-version keys (format-1 sealed blobs). */
  static final String LEGACY_LABEL = "signet-kek-v1";

  private final TokenSession session;
  private final Set<String> checked = ConcurrentHashMap.newKeySet();

  KeyEncryptionKeys(TokenSession session) {
    this.session = session;
    session.onReconnect(checked::clear);
  }

  /**
   * Creates the key-encryption key labelled {@code label} unless exactly one exists. Should another
   * instance create one under the same label at the same moment, this one destroys its own and uses
   * the other's; a creation that fails with CKR_GENERAL_ERROR is tried again (up to three
   * attempts).
   */
  void ensure(String label) {
    try {
      for (int attempt = 0; attempt < 3; attempt++) {
        long[] existing = session.objects().secretKeys(label);
        if (existing.length == 1) {
          check(label, existing[0]);
          return;
        }
        if (existing.length > 1) {
          throw new SignetException.Unavailable(
              "the token holds " + existing.length + " key-encryption keys labelled " + label,
              null);
        }
        long created;
        try {
          created = session.objects().generateAesKey(label);
        } catch (PKCS11Exception e) {
          // SoftHSM's file store fails one of several concurrent token-object creations now and
          // then with CKR_GENERAL_ERROR (20 concurrent rotations in KeysEndToEndIT): look again.
          if (!e.match(PKCS11Exception.RV.CKR_GENERAL_ERROR) || attempt == 2) throw e;
          continue;
        }
        if (session.objects().secretKeys(label).length == 1) {
          check(label, created);
          return;
        }
        session.objects().destroyObject(created); // lost a race: use the winner's
      }
      throw new SignetException.Unavailable(
          "could not create the key-encryption key " + label, null);
    } catch (Exception e) {
      throw Pkcs11Errors.translate("key-encryption key set-up", e);
    }
  }

  boolean exists(String label) {
    try {
      return session.objects().secretKeys(label).length > 0;
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("key-encryption key lookup", e);
    }
  }

  /** AES-256-GCM encryption under the key labelled {@code label}: ciphertext ‖ tag. */
  byte[] encrypt(String label, byte[] iv, byte[] aad, byte[] plaintext) {
    try {
      return session.objects().gcm(true, handle(label), iv, aad, plaintext);
    } catch (Exception e) {
      throw Pkcs11Errors.translate("sealing", e);
    }
  }

  /**
   * AES-256-GCM decryption under the key labelled {@code label}. Throws {@link
   * SignetException.NotFound} when that key no longer exists (the version was archived: its sealed
   * key is shredded), and IllegalStateException when the tag does not verify.
   */
  byte[] decrypt(String label, byte[] iv, byte[] aad, byte[] sealed) {
    long handle;
    try {
      handle = handle(label);
    } catch (Exception e) {
      throw Pkcs11Errors.translate("unsealing", e);
    }
    try {
      return session.objects().gcm(false, handle, iv, aad, sealed);
    } catch (PKCS11Exception e) {
      if (isBadTag(e)) {
        throw new IllegalStateException("sealed key does not open: tampered or misplaced", e);
      }
      throw Pkcs11Errors.translate("unsealing", e);
    }
  }

  /**
   * Whether a failed GCM decryption means the tag did not verify. Tokens report that differently:
   * CKR_ENCRYPTED_DATA_INVALID by the standard, CKR_GENERAL_ERROR on SoftHSM 2.6; the latter counts
   * only while the token still answers and keeps the login (otherwise the token failed).
   */
  private boolean isBadTag(PKCS11Exception e) {
    if (e.match(PKCS11Exception.RV.CKR_ENCRYPTED_DATA_INVALID)
        || e.match(PKCS11Exception.RV.CKR_ENCRYPTED_DATA_LEN_RANGE)) {
      return true;
    }
    try {
      return e.match(PKCS11Exception.RV.CKR_GENERAL_ERROR) && session.objects().loggedIn();
    } catch (PKCS11Exception | RuntimeException tokenFailed) {
      return false;
    }
  }

  /** Destroys the key labelled {@code label}, if any: what it sealed can never be opened again. */
  void destroy(String label) {
    try {
      for (long handle : session.objects().secretKeys(label)) {
        session.objects().destroyObject(handle);
      }
      checked.remove(label);
    } catch (PKCS11Exception e) {
      throw Pkcs11Errors.translate("key-encryption key destruction", e);
    }
  }

  private long handle(String label) throws PKCS11Exception {
    long[] handles = session.objects().secretKeys(label);
    if (handles.length == 0) {
      throw new SignetException.NotFound(
          "the key-encryption key " + label + " is not on the token (destroyed on archive)");
    }
    if (handles.length > 1) {
      throw new SignetException.Unavailable(
          "the token holds " + handles.length + " key-encryption keys labelled " + label, null);
    }
    check(label, handles[0]);
    return handles[0];
  }

  private void check(String label, long handle) throws PKCS11Exception {
    if (checked.contains(label)) return;
    KeyObjectPolicy.KEY_ENCRYPTION.require(label, session.objects().attributesOf(handle));
    checked.add(label);
  }
}
