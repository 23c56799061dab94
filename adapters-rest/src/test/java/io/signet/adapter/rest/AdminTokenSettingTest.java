package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.StartupFailure;
import org.junit.jupiter.api.Test;

/** A refused admin token stops the start with a line that names its variable, never the token. */
class AdminTokenSettingTest {
  @Test
  void aShortTokenIsRefusedWithoutRepeatingIt() {
    String token = "short-but-secret-token";
    assertThatThrownBy(() -> new AdminTokenFilter(token, null))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("SIGNET_ADMIN_TOKEN")
        .message()
        .doesNotContain(token);
  }
}
