package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

class HsmLabelsTest {
  @Test
  void keyAndKekLabelsRoundTrip() {
    for (Algorithm algorithm : Algorithm.values()) {
      KeyName name = new KeyName(TenantId.random(), algorithm, 42);
      assertThat(HsmLabels.parse(HsmLabels.key(name))).contains(name);
      assertThat(HsmLabels.parse(HsmLabels.kek(name))).contains(name);
      assertThat(HsmLabels.key(name)).isNotEqualTo(HsmLabels.kek(name));
    }
  }

  @Test
  void ignoresLabelsThatAreNotSignets() {
    assertThat(HsmLabels.parse("signet-selftest")).isEmpty();
    assertThat(HsmLabels.parse("signet-kek-v1")).isEmpty();
    assertThat(HsmLabels.parse("signet.kek.v1")).isEmpty();
    assertThat(HsmLabels.parse("signet." + TenantId.random() + ".rsa.v1")).isEmpty();
    assertThat(HsmLabels.parse("signet." + TenantId.random() + ".mldsa65.v0")).isEmpty();
    assertThat(HsmLabels.parse("other." + TenantId.random() + ".mldsa65.v1")).isEmpty();
  }
}
