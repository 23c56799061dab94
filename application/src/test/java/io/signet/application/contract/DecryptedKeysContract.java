package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.DecryptedKeys;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

/** What every {@link DecryptedKeys} must do. */
public abstract class DecryptedKeysContract {
  protected abstract DecryptedKeys keys();

  /** Makes {@code keys()} hold the decrypted key of {@code name}, as signing with it would. */
  protected abstract void decrypt(KeyName name);

  @Test
  void holdsWhatWasDecryptedUntilForgotten() {
    KeyName a = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 1);
    KeyName b = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 2);
    decrypt(a);
    decrypt(b);
    assertThat(keys().held()).contains(a, b);
    keys().forget(a);
    keys().forget(a);
    assertThat(keys().held()).contains(b).doesNotContain(a);
  }
}
