package io.signet.adapter.pkcs11;

import jakarta.inject.Singleton;
import java.security.KeyStore;
import javax.crypto.SecretKey;

/**
 * Key-encryption keys on the token: non-extractable AES-256 token keys usable only to encrypt and
 * decrypt (no wrap, no unwrap, no export), checked against {@link KeyObjectPolicy#KEY_ENCRYPTION}.
 */
@Singleton
final class KeyEncryptionKeys {
  private final TokenSession session;

  KeyEncryptionKeys(TokenSession session) {
    this.session = session;
  }

  /** The key-encryption key labelled {@code label}, generated on first use. */
  SecretKey aesKey(String label) {
    try {
      KeyStore keyStore = session.keyStore();
      synchronized (keyStore) {
        if (!keyStore.containsAlias(label)) {
          session.objects().ensureAesKey(label);
          keyStore.load(null, null);
        }
        SecretKey key = (SecretKey) keyStore.getKey(label, null);
        if (key == null)
          throw new IllegalStateException("no secret key " + label + " after generation");
        KeyObjectPolicy.KEY_ENCRYPTION.require(label, session.objects().keyAttributes(label));
        return key;
      }
    } catch (Exception e) {
      throw Pkcs11Errors.translate("key-encryption key set-up", e);
    }
  }
}
