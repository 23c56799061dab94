package io.signet.application;

import io.signet.application.port.DecryptedKeys;
import io.signet.application.port.KeyVersions;
import io.signet.domain.key.KeyName;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops the decrypted private keys of versions that can no longer sign (retired or archived,
 * perhaps on another instance), checked against the database in one query. Run about every second
 * on every instance, so a decrypted key leaves every heap within about a second of its version's
 * retirement; the cache's own expiry is the safety net behind it.
 */
public final class ForgetUnsignableKeys {
  private final DecryptedKeys decrypted;
  private final KeyVersions versions;

  public ForgetUnsignableKeys(DecryptedKeys decrypted, KeyVersions versions) {
    this.decrypted = decrypted;
    this.versions = versions;
  }

  /** Returns the versions whose decrypted keys were dropped. */
  public List<KeyName> forget() {
    Set<KeyName> held = decrypted.held();
    if (held.isEmpty()) return List.of();
    Set<KeyName> unsignable = new HashSet<>(held);
    unsignable.removeAll(versions.activeAmong(held));
    unsignable.forEach(decrypted::forget);
    return List.copyOf(unsignable);
  }
}
