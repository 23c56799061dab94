package io.signet.application.port;

import io.signet.domain.key.KeyName;
import java.util.Set;

/**
 * Private keys that custody holds decrypted in memory (keys sealed under an HSM key, opened to
 * sign). Lets the core make every instance forget a version's decrypted key soon after the version
 * stops signing elsewhere (retired or archived on another instance).
 */
public interface DecryptedKeys {
  /** The versions whose decrypted private key is held in memory now. */
  Set<KeyName> held();

  /** Drops the decrypted private key of {@code name}, if held; a later use decrypts it again. */
  void forget(KeyName name);
}
