package io.signet.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void comparesByContentAndCopiesDefensively() {
    byte[] raw = {1, 2, 3};
    Bytes a = Bytes.of(raw);
    raw[0] = 9;
    assertThat(a)
        .isEqualTo(Bytes.of(new byte[] {1, 2, 3}))
        .hasSameHashCodeAs(Bytes.of(new byte[] {1, 2, 3}));
    a.toArray()[1] = 9;
    assertThat(a.toArray()).containsExactly(1, 2, 3);
  }

  @Test
  void printsOnlyAShortPrefix() {
    Bytes long32 = Bytes.of(new byte[32]);
    assertThat(long32.toString()).isEqualTo("Bytes[32:0000000000000000…]");
  }
}
