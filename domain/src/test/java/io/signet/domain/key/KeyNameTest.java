package io.signet.domain.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.SignetException;
import io.signet.domain.tenant.TenantId;
import org.junit.jupiter.api.Test;

class KeyNameTest {
  @Test
  void printsTenantAlgorithmAndVersion() {
    TenantId tenant = TenantId.random();
    assertThat(new KeyName(tenant, Algorithm.DILITHIUM3, 7)).hasToString(tenant + "/mldsa65/v7");
  }

  @Test
  void acceptsOnlyPositiveVersions() {
    assertThat(KeyName.requireVersion(1)).isEqualTo(1);
    assertThatThrownBy(() -> KeyName.requireVersion(0))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> KeyName.requireVersion(-3))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> KeyName.requireVersion(1L << 31))
        .isInstanceOf(SignetException.InvalidRequest.class)
        .hasMessage("key_version must be an integer from 1 to 2147483647");
  }

  @Test
  void parsesAlgorithmNamesAndAliasesCaseSensitively() {
    assertThat(Algorithm.parse("Dilithium3")).isEqualTo(Algorithm.DILITHIUM3);
    assertThat(Algorithm.parse("ML-DSA-65")).isEqualTo(Algorithm.DILITHIUM3);
    assertThat(Algorithm.parse("Composite-ML-DSA")).isEqualTo(Algorithm.COMPOSITE_ML_DSA);
    assertThat(Algorithm.parse("MLDSA65-ECDSA-P256-SHA512")).isEqualTo(Algorithm.COMPOSITE_ML_DSA);
    assertThatThrownBy(() -> Algorithm.parse("dilithium3"))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> Algorithm.parse(null))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }
}
