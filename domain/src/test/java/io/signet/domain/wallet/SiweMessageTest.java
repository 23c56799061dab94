package io.signet.domain.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.SignetException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiweMessageTest {
  static final String WITH_STATEMENT = SiweVectors.WITH_STATEMENT;

  /** Written by the siwe 2.x npm package's prepareMessage() (the reference implementation). */
  static final String WITHOUT_STATEMENT =
      """
      wallet.example.org wants you to sign in with your Ethereum account:
      0x2c7536E3605D9C16a7a3D7b1898e529396a65c23


      URI: https://wallet.example.org
      Version: 1
      Chain ID: 1
      Nonce: abcdef0123456789
      Issued At: 2025-11-22T08:26:40Z""";

  @Test
  void readsTheReferenceImplementationsMessages() {
    SiweMessage full = SiweMessage.parse(WITH_STATEMENT);
    assertThat(full.domain()).isEqualTo("wallet.example.org");
    assertThat(full.address()).isEqualTo("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    assertThat(full.statement()).isEqualTo("Sign in to Signet.");
    assertThat(full.uri()).isEqualTo("https://wallet.example.org/login");
    assertThat(full.chainId()).isEqualTo(1);
    assertThat(full.nonce()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(full.issuedAt()).isEqualTo(Instant.parse("2025-11-22T08:26:40Z"));
    assertThat(full.expirationTime()).contains(Instant.parse("2025-11-22T08:36:40Z"));
    assertThat(full.notBefore()).isEmpty();
    assertThat(full.resources()).containsExactly("https://wallet.example.org/terms");

    SiweMessage bare = SiweMessage.parse(WITHOUT_STATEMENT);
    assertThat(bare.statement()).isNull();
    assertThat(bare.expirationTime()).isEqualTo(Optional.empty());
    assertThat(bare.resources()).isEqualTo(List.of());
    assertThat(SiweMessage.looksLike(WITHOUT_STATEMENT)).isTrue();
  }

  @Test
  void readsASchemeAndAPortAndTheOptionalFields() {
    SiweMessage m =
        SiweMessage.parse(
            WITHOUT_STATEMENT.replace("wallet.example.org wants", "https://localhost:8080 wants")
                + "\nExpiration Time: 2025-11-22T09:00:00+01:00"
                + "\nNot Before: 2025-11-22T08:00:00Z"
                + "\nRequest ID: req-1");
    assertThat(m.scheme()).isEqualTo("https");
    assertThat(m.domain()).isEqualTo("localhost:8080");
    assertThat(m.expirationTime()).contains(Instant.parse("2025-11-22T08:00:00Z"));
    assertThat(m.requestId()).contains("req-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "CRLF",
        "Version: 2",
        "Nonce: short",
        "Issued At: yesterday",
        "Issued At: 2025-11-22 08:26:40Z",
        "URI: /relative",
        "trailing newline",
        "extra line",
        "fields out of order",
        "missing nonce",
        "one empty line",
        "lowercase preamble",
        "address too short",
        "resource without dash"
      })
  void refusesAnythingOffTheGrammar(String defect) {
    String text =
        switch (defect) {
          case "CRLF" -> WITHOUT_STATEMENT.replace("\n", "\r\n");
          case "Version: 2" -> WITHOUT_STATEMENT.replace("Version: 1", "Version: 2");
          case "Nonce: short" -> WITHOUT_STATEMENT.replace("abcdef0123456789", "abc123");
          case "Issued At: yesterday" ->
              WITHOUT_STATEMENT.replace("2025-11-22T08:26:40Z", "yesterday");
          case "Issued At: 2025-11-22 08:26:40Z" ->
              WITHOUT_STATEMENT.replace("2025-11-22T08:26:40Z", "2025-11-22 08:26:40Z");
          case "URI: /relative" ->
              WITHOUT_STATEMENT.replace("URI: https://wallet.example.org", "URI: /relative");
          case "trailing newline" -> WITHOUT_STATEMENT + "\n";
          case "extra line" -> WITHOUT_STATEMENT + "\nHello: world";
          case "fields out of order" ->
              WITHOUT_STATEMENT.replace("Version: 1\nChain ID: 1", "Chain ID: 1\nVersion: 1");
          case "missing nonce" -> WITHOUT_STATEMENT.replace("Nonce: abcdef0123456789\n", "");
          case "one empty line" -> WITHOUT_STATEMENT.replace("\n\n\nURI", "\n\nURI");
          case "lowercase preamble" -> WITHOUT_STATEMENT.replace("wants you", "Wants you");
          case "address too short" -> WITHOUT_STATEMENT.replace("65c23\n", "65c2\n");
          case "resource without dash" ->
              WITH_STATEMENT.replace("- https://wallet", "https://wallet");
          default -> throw new IllegalArgumentException(defect);
        };
    assertThatThrownBy(() -> SiweMessage.parse(text))
        .isInstanceOf(SignetException.InvalidRequest.class)
        .hasMessageStartingWith("Sign-In with Ethereum message: ");
  }
}
