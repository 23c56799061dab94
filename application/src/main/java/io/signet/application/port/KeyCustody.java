package io.signet.application.port;

import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.signing.SigningInput;
import java.util.List;

/**
 * Where private keys live: an HSM, directly or sealed under an HSM key. The port never hands out a
 * private key, a provider or a session.
 *
 * <p>Security guarantees: private keys are generated inside custody and never leave it in the
 * clear; {@link #generate} returns only the public key and, for algorithms the HSM cannot hold
 * natively, the private key sealed (encrypted and bound to its {@link KeyName}) under a
 * non-extractable HSM key. {@link #destroy} makes a version's private key unusable for good.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the HSM cannot be used;
 * nothing was generated or destroyed then (a later {@link #destroy} or reconciliation removes any
 * partial generation).
 */
public interface KeyCustody {

  /**
   * Generates the key pair for {@code name}. Any HSM object already labelled for {@code name} is a
   * leftover of an interrupted generation (the caller holds the claim on the name) and is destroyed
   * first.
   */
  GeneratedKey generate(KeyName name);

  /**
   * Signs {@code input} with the private key of {@code key}, with the standard construction of its
   * algorithm, hedged with fresh randomness. The caller has checked that the version may sign.
   */
  Bytes sign(KeyVersion key, SigningInput input);

  /** Destroys the HSM objects of {@code name} and forgets any decrypted material. Idempotent. */
  void destroy(KeyName name);

  /** The names of all key versions that have private objects in the HSM. */
  List<KeyName> heldKeys();

  /**
   * The token objects behind {@code key} with their attributes as the token reports them now: its
   * native private key objects, and for sealed material the key-encryption key that seals it.
   */
  List<ServiceKeyCustody.TokenObject> objects(KeyVersion key);

  /**
   * What generation produced: the public key (SubjectPublicKeyInfo DER), how the private key is
   * protected, and the sealed private part ({@code null} when everything is in the HSM).
   */
  record GeneratedKey(Bytes publicKey, Protection protection, Bytes sealedPrivateKey) {
    public GeneratedKey {
      if (publicKey == null || protection == null) {
        throw new IllegalArgumentException("public key and protection are required");
      }
      if ((protection == Protection.HSM_WRAPPED) != (sealedPrivateKey != null)) {
        throw new IllegalArgumentException("a sealed private key goes with hsm-wrapped, only");
      }
    }
  }
}
