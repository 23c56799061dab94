package io.signet.domain.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.SignetException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t", "a\u0000b", "line\nbreak"})
  void refusesNamesThatAreBlankOrCarryControlCharacters(String name) {
    assertThatThrownBy(() -> new Tenant(TenantId.random(), name, Plan.FREE, T0))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }

  @Test
  void refusesNamesOverAHundredCharacters() {
    assertThat(new Tenant(TenantId.random(), "x".repeat(100), Plan.FREE, T0).name()).hasSize(100);
    assertThatThrownBy(() -> new Tenant(TenantId.random(), "x".repeat(101), Plan.FREE, T0))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }

  @Test
  void parsesPlansAndIdsStrictly() {
    assertThat(Plan.parse("enterprise")).isEqualTo(Plan.ENTERPRISE);
    assertThatThrownBy(() -> Plan.parse("Enterprise"))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> TenantId.parse("not-a-uuid"))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }
}
