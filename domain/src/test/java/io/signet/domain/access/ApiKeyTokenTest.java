package io.signet.domain.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTokenTest {
  private final SecureRandom random = new SecureRandom();

  @Test
  void roundTripsThroughItsPlaintext() {
    ApiKeyToken issued = ApiKeyToken.issue(ApiKeyId.random(), random);
    ApiKeyToken parsed = ApiKeyToken.parse(issued.reveal()).orElseThrow();
    assertThat(parsed.id()).isEqualTo(issued.id());
    assertThat(parsed.secretHash()).isEqualTo(issued.secretHash());
  }

  @Test
  void carriesTwoHundredFiftySixRandomBits() {
    Set<String> secrets = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String plain = ApiKeyToken.issue(ApiKeyId.random(), random).reveal();
      secrets.add(plain.substring(37));
    }
    assertThat(secrets).hasSize(1000).allSatisfy(s -> assertThat(s).hasSize(43));
  }

  @Test
  void refusesAnythingNotShapedLikeAKey() {
    String good = ApiKeyToken.issue(ApiKeyId.random(), random).reveal();
    assertThat(ApiKeyToken.parse(null)).isEmpty();
    assertThat(ApiKeyToken.parse("")).isEmpty();
    assertThat(ApiKeyToken.parse(good + "x")).isEmpty();
    assertThat(ApiKeyToken.parse(good.substring(1))).isEmpty();
    assertThat(ApiKeyToken.parse(good.toUpperCase(java.util.Locale.ROOT))).isEmpty();
    assertThat(ApiKeyToken.parse(" " + good)).isEmpty();
    assertThat(ApiKeyToken.parse("sgn_" + "g".repeat(32) + "_" + "a".repeat(43))).isEmpty();
  }

  @Test
  void neverPrintsTheSecret() {
    ApiKeyToken token = ApiKeyToken.issue(ApiKeyId.random(), random);
    String secret = token.reveal().substring(37);
    assertThat(token.toString()).doesNotContain(secret).contains("redacted");
  }
}
