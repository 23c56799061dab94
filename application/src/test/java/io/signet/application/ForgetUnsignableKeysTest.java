package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.fake.FakeCore;
import io.signet.application.fake.InMemoryDecryptedKeys;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class ForgetUnsignableKeysTest {
  private final FakeCore fakes = new FakeCore(Clock.systemUTC());
  private final InMemoryDecryptedKeys decrypted = fakes.decryptedKeys;
  private final Invocation operator =
      new Invocation(Actor.OPERATOR, RequestId.next(Clock.systemUTC()));

  @Test
  void dropsTheDecryptedKeysOfVersionsThatNoLongerSignAndKeepsTheActiveOnes() {
    TenantId tenant = TenantId.random();
    UseCases core = fakes.useCases();
    GenerateKey generate = core.generateKey();
    RotateKey rotate = core.rotateKey();
    KeyVersion v1 = generate.generate(tenant, Algorithm.DILITHIUM3, operator);
    decrypted.decrypt(v1.name());
    RotateKey.Rotated rotated = rotate.rotate(tenant, Algorithm.DILITHIUM3, operator);
    decrypted.decrypt(rotated.active().name());

    ForgetUnsignableKeys forget = core.forgetUnsignableKeys();
    assertThat(forget.forget()).containsExactly(v1.name());
    assertThat(decrypted.held()).containsExactly(rotated.active().name());
    assertThat(forget.forget()).isEmpty();
  }
}
