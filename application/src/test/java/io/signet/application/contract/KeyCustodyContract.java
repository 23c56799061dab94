package io.signet.application.contract;

import static io.signet.application.contract.KeyObjectAssertions.assertKeptInTheToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.KeyCustody;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.tenant.TenantId;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** What every {@link KeyCustody} must do. */
public abstract class KeyCustodyContract {
  /** DER of the ML-DSA-65 OID 2.16.840.1.101.3.4.3.18. */
  protected static final String ML_DSA_65_OID = "0609608648016503040312";

  protected abstract KeyCustody custody();

  @Test
  void generatesAnMlDsa65PublicKeyAndSealsThePrivateKey() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.DILITHIUM3, 1);
    KeyCustody.GeneratedKey key = custody().generate(name);
    assertThat(HexFormat.of().formatHex(key.publicKey().toArray())).contains(ML_DSA_65_OID);
    assertThat(key.protection()).isEqualTo(Protection.HSM_WRAPPED);
    assertThat(key.sealedPrivateKey()).isNotNull();
    custody().destroy(name);
  }

  @Test
  void destroysWhatItHoldsIdempotently() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.COMPOSITE_ML_DSA, 3);
    custody().generate(name);
    assertThat(custody().heldKeys()).contains(name);
    custody().destroy(name);
    custody().destroy(name);
    assertThat(custody().heldKeys()).doesNotContain(name);
  }

  @Test
  void regeneratingANameReplacesLeftovers() {
    KeyName name = new KeyName(TenantId.random(), Algorithm.COMPOSITE_ML_DSA, 1);
    KeyCustody.GeneratedKey first = custody().generate(name);
    KeyCustody.GeneratedKey second = custody().generate(name);
    assertThat(second.publicKey()).isNotEqualTo(first.publicKey());
    assertThat(custody().heldKeys().stream().filter(name::equals)).hasSize(1);
    custody().destroy(name);
  }

  @Test
  void generatesDistinctKeysForDistinctVersions() {
    TenantId tenant = TenantId.random();
    KeyName v1 = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    KeyName v2 = new KeyName(tenant, Algorithm.DILITHIUM3, 2);
    assertThat(custody().generate(v1).publicKey()).isNotEqualTo(custody().generate(v2).publicKey());
    custody().destroy(v1);
    custody().destroy(v2);
  }

  @Test
  void reportsTheTokenObjectsBehindAVersionAsNeverExtractable() {
    for (Algorithm algorithm : Algorithm.values()) {
      KeyName name = new KeyName(TenantId.random(), algorithm, 1);
      KeyCustody.GeneratedKey generated = custody().generate(name);
      KeyVersion version =
          KeyVersion.activated(
              name,
              generated.publicKey(),
              generated.protection(),
              generated.sealedPrivateKey(),
              Instant.EPOCH);
      var objects = custody().objects(version);
      assertThat(objects).as(algorithm.wireName()).isNotEmpty();
      for (var object : objects) {
        assertKeptInTheToken(object.label(), object.attributes());
      }
      custody().destroy(name);
    }
  }
}
