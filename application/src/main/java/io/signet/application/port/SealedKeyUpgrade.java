package io.signet.application.port;

import io.signet.domain.Bytes;
import io.signet.domain.key.KeyName;

/**
 * Moves sealed private keys made before per-version key-encryption keys (sealed under one shared
 * HSM key) to their version's own key-encryption key, so that archiving a version shreds its key
 * (DESIGN §8), and then retires the shared key.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the HSM cannot be used;
 * nothing stored changed then.
 */
public interface SealedKeyUpgrade {
  /** True when {@code sealed} is sealed under the shared key and must be re-sealed. */
  boolean needsReseal(Bytes sealed);

  /**
   * {@code sealed}, sealed again under the version's own key-encryption key (created if missing)
   * and checked to open to the same key. The caller stores the result in place of {@code sealed}
   * only if that is still what is stored.
   */
  Bytes reseal(KeyName name, Bytes sealed);

  /**
   * Destroys the shared key-encryption key of earlier versions: every blob sealed under it, in the
   * database's history and backups included, can no longer be opened. Call only when no live
   * version's stored key is sealed under it. True when there was one.
   */
  boolean retireSharedKey();
}
