package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.domain.SignetException;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;

/** Finding a version the way every operation sees it: archived versions do not exist for them. */
final class KeyLookup {
  private KeyLookup() {}

  static KeyVersion visible(KeyVersions versions, KeyName name) {
    return versions
        .find(name)
        .filter(v -> v.status() != KeyStatus.ARCHIVED)
        .orElseThrow(
            () ->
                new SignetException.NotFound(
                    "key version "
                        + name.version()
                        + " of "
                        + name.algorithm().wireName()
                        + " not found"));
  }
}
