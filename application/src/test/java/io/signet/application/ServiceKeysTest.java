package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.fake.DirectTransactions;
import io.signet.application.fake.FakeServiceKeyCustody;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryServiceKeys;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.AuditQuery;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyPurpose;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ServiceKeysTest {
  private static final Invocation OPERATOR =
      new Invocation(Actor.OPERATOR, RequestId.next(Clock.systemUTC()));
  private final InMemoryServiceKeys keys = new InMemoryServiceKeys();
  private final FakeServiceKeyCustody custody = new FakeServiceKeyCustody();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final Clock clock = Clock.systemUTC();

  private EnsureServiceKeys ensure(String instance) {
    return new EnsureServiceKeys(keys, minting(instance), clock, Duration.ofSeconds(30));
  }

  private RotateServiceKey rotate() {
    return new RotateServiceKey(keys, minting("a"));
  }

  private ServiceKeyMinting minting(String instance) {
    return new ServiceKeyMinting(
        keys, custody, audit, new DirectTransactions(), clock, instance, Duration.ofMinutes(2));
  }

  @Test
  void createsExactlyOneKeyPerPurposeAndAlgorithmWhenInstancesStartTogether() {
    var first = CompletableFuture.supplyAsync(() -> ensure("a").ensure(OPERATOR));
    var second = CompletableFuture.supplyAsync(() -> ensure("b").ensure(OPERATOR));
    List<ServiceKey> a = first.join();
    List<ServiceKey> b = second.join();
    assertThat(a).hasSize(6).isEqualTo(b);
    assertThat(custody.generations()).isEqualTo(6);
    assertThat(keys.all()).hasSize(6);
    assertThat(audit.recent(new AuditQuery(null, null, 100)))
        .extracting(AuditEvent::action)
        .containsOnly(AuditAction.SERVICE_KEY_GENERATED)
        .hasSize(6);
    ensure("c").ensure(OPERATOR);
    assertThat(custody.generations()).isEqualTo(6);
  }

  @Test
  void takesOverAClaimWhoseInstanceDied() {
    Instant longAgo = clock.instant().minus(Duration.ofHours(1));
    keys.claim(
        new io.signet.domain.service.ServiceKeyName(
            ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256, 1),
        "dead",
        longAgo);
    ensure("a").ensure(OPERATOR);
    assertThat(keys.current(ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256)).isPresent();
  }

  @Test
  void rotatesKeepingThePreviousVersionAndAuditsIt() {
    ensure("a").ensure(OPERATOR);
    ServiceKey rotated = rotate().rotate(ServiceKeyPurpose.JWT, null, OPERATOR);
    assertThat(rotated.name().kid()).isEqualTo("jwt-ES256-v2");
    assertThat(keys.all())
        .filteredOn(k -> k.name().purpose() == ServiceKeyPurpose.JWT)
        .extracting(k -> k.name().version() + ":" + k.status().wireName())
        .containsExactly("2:current", "1:previous");
    assertThat(audit.recent(new AuditQuery(null, null, 1)).getFirst().action())
        .isEqualTo(AuditAction.SERVICE_KEY_ROTATED);
    assertThat(audit.recent(new AuditQuery(null, null, 1)).getFirst().target())
        .isEqualTo("jwt-ES256-v2");
  }

  @Test
  void refusesAnAlgorithmThePurposeDoesNotHave() {
    ensure("a").ensure(OPERATOR);
    assertThatThrownBy(() -> rotate().rotate(ServiceKeyPurpose.JWT, ServiceAlgorithm.RSA, OPERATOR))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }

  @Test
  void signsWithTheCurrentKeyAndNamesIt() {
    ensure("a").ensure(OPERATOR);
    rotate().rotate(ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256, OPERATOR);
    var signed =
        new SignWithServiceKey(keys, custody)
            .sign(ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256, Bytes.of(new byte[] {1}));
    assertThat(signed.key().name().kid()).isEqualTo("jwt-ES256-v2");
    assertThat(signed.signature().length()).isEqualTo(64);
  }

  @Test
  void listsKeysOfOnePurpose() {
    ensure("a").ensure(OPERATOR);
    assertThat(new ListServiceKeys(keys).of(ServiceKeyPurpose.RECEIPTS))
        .extracting(k -> k.name().algorithm())
        .containsExactlyInAnyOrder(
            ServiceAlgorithm.ECDSA,
            ServiceAlgorithm.ECDSA_P256,
            ServiceAlgorithm.RSA,
            ServiceAlgorithm.ML_DSA);
  }
}
