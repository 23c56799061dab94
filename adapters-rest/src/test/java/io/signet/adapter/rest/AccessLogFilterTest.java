package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AccessLogFilterTest {
  @Test
  void writesMillisecondsWithOneDecimalRoundedHalfUp() {
    assertThat(AccessLogFilter.oneDecimal(0)).isEqualTo("0.0");
    assertThat(AccessLogFilter.oneDecimal(49_999)).isEqualTo("0.0");
    assertThat(AccessLogFilter.oneDecimal(50_000)).isEqualTo("0.1");
    assertThat(AccessLogFilter.oneDecimal(149_999)).isEqualTo("0.1");
    assertThat(AccessLogFilter.oneDecimal(26_340_000)).isEqualTo("26.3");
    assertThat(AccessLogFilter.oneDecimal(999_950_000)).isEqualTo("1000.0");
    assertThat(AccessLogFilter.oneDecimal(1_234_567_890)).isEqualTo("1234.6");
  }
}
