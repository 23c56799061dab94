package io.signet.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidsTest {
  private static final String ID = "0192b8a0-7c1e-7f3a-9d2b-4e5f60718293";

  @Test
  void takesTheHexAndDashFormInEitherCase() {
    assertThat(Uuids.parse(ID)).contains(UUID.fromString(ID));
    assertThat(Uuids.parse(ID.toUpperCase(java.util.Locale.ROOT))).contains(UUID.fromString(ID));
  }

  /** Each of these is taken by {@code UUID.fromString}, most as another way to write an id. */
  @Test
  void refusesEveryOtherForm() {
    for (String text :
        new String[] {
          null,
          "",
          "1-1-1-1-1",
          "0-0-0-0-0000000000000000",
          "+192b8a0-7c1e-7f3a-9d2b-4e5f60718293",
          "\u0660192b8a0-7c1e-7f3a-9d2b-4e5f60718293",
          "{" + ID + "}",
          ID.replace("-", ""),
          ID + " ",
          "urn:uuid:" + ID
        }) {
      assertThat(Uuids.parse(text)).as(String.valueOf(text)).isEmpty();
    }
  }
}
