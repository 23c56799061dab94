package io.signet.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class CausesTest {
  @Test
  void findsTheOutermostOfATypeAndStopsOnALoop() {
    IOException root = new IOException("root");
    IllegalStateException middle = new IllegalStateException("middle", root);
    RuntimeException outer = new RuntimeException("outer", middle);
    assertThat(Causes.chain(outer)).containsExactly(outer, middle, root);
    assertThat(Causes.find(outer, IOException.class)).containsSame(root);
    assertThat(Causes.find(outer, RuntimeException.class)).containsSame(outer);
    assertThat(Causes.find(outer, ArithmeticException.class)).isEmpty();

    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(Causes.chain(a)).containsExactly(a, b);
  }
}
