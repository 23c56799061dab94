package io.signet.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.fake.DirectTransactions;
import io.signet.application.fake.FakeKeyCustody;
import io.signet.application.fake.FakeServiceKeyCustody;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryKeyVersions;
import io.signet.application.fake.InMemoryServiceKeys;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttestKeyTest {
  private static final String NONCE = "0f".repeat(32);
  private final InMemoryServiceKeys serviceKeys = new InMemoryServiceKeys();
  private final InMemoryKeyVersions versions = new InMemoryKeyVersions();
  private final FakeKeyCustody custody = new FakeKeyCustody();
  private final Clock clock = Clock.fixed(Instant.ofEpochSecond(1_800_000_000L), ZoneOffset.UTC);
  private final AttestKey attest;

  AttestKeyTest() {
    FakeServiceKeyCustody serviceCustody = new FakeServiceKeyCustody();
    new EnsureServiceKeys(
            serviceKeys,
            new ServiceKeyMinting(
                serviceKeys,
                serviceCustody,
                new InMemoryAuditLog(),
                new DirectTransactions(),
                clock,
                "test",
                Duration.ofMinutes(2)),
            clock,
            Duration.ofSeconds(10))
        .ensure(new Invocation(Actor.SCHEDULER, RequestId.next(Clock.systemUTC())));
    attest =
        new AttestKey(
            serviceKeys,
            serviceCustody,
            versions,
            custody,
            clock,
            new ServiceInstance("instance-1", "1.2.3", "abc1234"));
  }

  @Test
  void reportDataIsTheAddressPaddedTo32BytesThenTheNonce() {
    byte[] nonce = HexFormat.of().parseHex(NONCE);
    String twenty = "0x" + "11".repeat(20);
    assertThat(HexFormat.of().formatHex(AttestKey.reportData(twenty, nonce)))
        .isEqualTo("11".repeat(20) + "00".repeat(12) + NONCE);
    String compressed = "0x02" + "22".repeat(32);
    assertThat(HexFormat.of().formatHex(AttestKey.reportData(compressed, nonce)))
        .as("33 bytes are kept whole")
        .isEqualTo("02" + "22".repeat(32) + NONCE);
  }

  @Test
  void aNonceIsExactly64HexCharacters() {
    for (String bad : new String[] {null, "", "0f", NONCE + "0", NONCE.replace('f', 'g')}) {
      assertThatThrownBy(() -> AttestKey.nonce(bad))
          .isInstanceOfSatisfying(
              SignetException.InvalidRequest.class,
              e ->
                  assertThat(e.reason())
                      .isEqualTo(SignetException.InvalidRequest.Reason.MALFORMED_BODY));
    }
    assertThat(AttestKey.nonce(NONCE.toUpperCase(java.util.Locale.ROOT))).hasSize(32);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aServiceKeyReportNamesTheKeyItsObjectsTheTokenAndTheBuild() {
    for (ServiceAlgorithm algorithm :
        List.of(
            ServiceAlgorithm.ECDSA,
            ServiceAlgorithm.ECDSA_P256,
            ServiceAlgorithm.RSA,
            ServiceAlgorithm.ML_DSA)) {
      Map<String, Object> claims = attest.serviceKey(NONCE, null, algorithm);
      String address = (String) claims.get("signing_address");
      assertThat(claims)
          .containsEntry("nonce", NONCE)
          .containsEntry("signing_algo", algorithm.wireName())
          .containsEntry("iat", 1_800_000_000L)
          .containsEntry(
              "report_data",
              HexFormat.of()
                  .formatHex(AttestKey.reportData(address, HexFormat.of().parseHex(NONCE))))
          .containsKeys("public_key", "protection", "objects", "token");
      assertThat((Map<String, Object>) claims.get("service"))
          .containsEntry("version", "1.2.3")
          .containsEntry("commit", "abc1234")
          .containsEntry("instance_id", "instance-1");
      assertThat((List<Object>) claims.get("objects")).isNotEmpty();
      assertThat(attest.serviceKey(NONCE, address.toUpperCase(java.util.Locale.ROOT), algorithm))
          .containsEntry("signing_address", address);
    }
    assertThatThrownBy(() -> attest.serviceKey(NONCE, "0x00", ServiceAlgorithm.ECDSA))
        .isInstanceOf(SignetException.NotFound.class);
    assertThatThrownBy(() -> attest.serviceKey(NONCE, null, ServiceAlgorithm.ES256))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }

  @Test
  void aTenantReportNamesItsVersionAndTheObjectsThatProtectIt() {
    TenantId tenant = TenantId.random();
    KeyName name = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    var generated = custody.generate(name);
    versions.activate(
        KeyVersion.activated(
            name,
            generated.publicKey(),
            generated.protection(),
            generated.sealedPrivateKey(),
            clock.instant()),
        null);
    Map<String, Object> claims = attest.tenantKey(tenant, Algorithm.DILITHIUM3, 1, NONCE);
    assertThat(claims)
        .containsEntry("algorithm", "Dilithium3")
        .containsEntry("key_version", 1)
        .containsEntry("status", "active")
        .containsEntry("protection", "hsm-wrapped")
        .doesNotContainKey("report_data");
    assertThat((List<?>) claims.get("objects")).isNotEmpty();
    assertThatThrownBy(() -> attest.tenantKey(TenantId.random(), Algorithm.DILITHIUM3, 1, NONCE))
        .isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void anArchivedVersionIsReportedAsNotFoundLikeOneNeverMade() {
    TenantId tenant = TenantId.random();
    KeyName name = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    var generated = custody.generate(name);
    KeyVersion active =
        KeyVersion.activated(
            name,
            generated.publicKey(),
            generated.protection(),
            generated.sealedPrivateKey(),
            clock.instant());
    versions.activate(active, null);
    KeyVersion retired = active.retire(clock.instant());
    versions.transition(active, retired);
    assertThat(attest.tenantKey(tenant, Algorithm.DILITHIUM3, 1, NONCE))
        .containsEntry("status", "retired");
    versions.transition(retired, retired.archive(clock.instant()));

    assertThatThrownBy(() -> attest.tenantKey(tenant, Algorithm.DILITHIUM3, 1, NONCE))
        .isInstanceOf(SignetException.NotFound.class)
        .hasMessage("key version 1 of Dilithium3 not found");
  }
}
