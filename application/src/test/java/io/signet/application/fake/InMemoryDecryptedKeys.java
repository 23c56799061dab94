package io.signet.application.fake;

import io.signet.application.port.DecryptedKeys;
import io.signet.domain.key.KeyName;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link DecryptedKeys} as a set of names. Passes {@code DecryptedKeysContract}. */
public final class InMemoryDecryptedKeys implements DecryptedKeys {
  private final Set<KeyName> held = ConcurrentHashMap.newKeySet();

  /** Pretends the key of {@code name} was decrypted to sign. */
  public void decrypt(KeyName name) {
    held.add(name);
  }

  @Override
  public Set<KeyName> held() {
    return Set.copyOf(held);
  }

  @Override
  public void forget(KeyName name) {
    held.remove(name);
  }
}
