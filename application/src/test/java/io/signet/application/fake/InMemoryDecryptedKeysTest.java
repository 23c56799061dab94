package io.signet.application.fake;

import io.signet.application.contract.DecryptedKeysContract;
import io.signet.application.port.DecryptedKeys;
import io.signet.domain.key.KeyName;

class InMemoryDecryptedKeysTest extends DecryptedKeysContract {
  private final InMemoryDecryptedKeys keys = new InMemoryDecryptedKeys();

  @Override
  protected DecryptedKeys keys() {
    return keys;
  }

  @Override
  protected void decrypt(KeyName name) {
    keys.decrypt(name);
  }
}
