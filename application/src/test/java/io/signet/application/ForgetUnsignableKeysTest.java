package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.fake.DirectTransactions;
import io.signet.application.fake.FakeKeyCustody;
import io.signet.application.fake.InMemoryApiKeys;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryDecryptedKeys;
import io.signet.application.fake.InMemoryKeyPolicies;
import io.signet.application.fake.InMemoryKeyVersions;
import io.signet.application.fake.InMemoryOrphanMarks;
import io.signet.application.fake.InMemorySigningLog;
import io.signet.application.fake.InMemoryTenants;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ForgetUnsignableKeysTest {
  private final InMemoryKeyVersions versions = new InMemoryKeyVersions();
  private final FakeKeyCustody custody = new FakeKeyCustody();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final Clock clock = Clock.systemUTC();
  private final InMemoryDecryptedKeys decrypted = new InMemoryDecryptedKeys();
  private final Invocation operator = new Invocation(Actor.OPERATOR, RequestId.random());

  @Test
  void dropsTheDecryptedKeysOfVersionsThatNoLongerSignAndKeepsTheActiveOnes() {
    TenantId tenant = TenantId.random();
    UseCases core =
        new UseCases(
            new UseCases.Ports(
                new InMemoryTenants(),
                new InMemoryApiKeys(),
                audit,
                new DirectTransactions(),
                versions,
                new InMemoryKeyPolicies(),
                custody,
                custody.verifier(),
                new InMemorySigningLog(),
                key -> io.signet.domain.key.KeyForms.none(),
                new InMemoryOrphanMarks(clock)),
            clock,
            new SecureRandom(),
            Duration.ofMinutes(2),
            100);
    GenerateKey generate = core.generateKey();
    RotateKey rotate = core.rotateKey();
    KeyVersion v1 = generate.generate(tenant, Algorithm.DILITHIUM3, operator);
    decrypted.decrypt(v1.name());
    RotateKey.Rotated rotated = rotate.rotate(tenant, Algorithm.DILITHIUM3, operator);
    decrypted.decrypt(rotated.active().name());

    ForgetUnsignableKeys forget = new ForgetUnsignableKeys(decrypted, versions);
    assertThat(forget.forget()).containsExactly(v1.name());
    assertThat(decrypted.held()).containsExactly(rotated.active().name());
    assertThat(forget.forget()).isEmpty();
  }
}
