package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.adapter.rest.AdminTenantController.ApiKeyRequest;
import io.signet.adapter.rest.AdminTenantController.TenantRequest;
import io.signet.adapter.rest.KeyOperations.KeyVersionRequest;
import io.signet.adapter.rest.SignatureController.SignRequest;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestReaderTest {
  private static final int THREE_MIB = 3 << 20;
  private final RequestReader reader = new RequestReader(1 << 20);

  @Test
  void readsTheFieldsTheRecordDeclaresUnderTheirSnakeCaseNames() {
    SignRequest sign =
        read("{\"message\":\"aGk=\",\"key_version\":7,\"context\":\"\"}", SignRequest.class);
    assertThat(sign.message().toArray()).isEqualTo("hi".getBytes(StandardCharsets.US_ASCII));
    assertThat(sign.keyVersion()).isEqualTo(7);
    assertThat(sign.algorithm()).isNull();
    assertThat(sign.context().length()).isZero();
    assertThat(read("{\"scopes\":[\"sign\"],\"name\":null}", ApiKeyRequest.class))
        .isEqualTo(new ApiKeyRequest(List.of("sign"), null));
  }

  @Test
  void refusesWhatTheRecordDoesNotAllowNamingTheField() {
    Map<String, String> refused =
        Map.ofEntries(
            Map.entry(
                "{\"name\":\"a\",\"nmae\":\"b\"}", "unknown field 'nmae'; allowed: name, plan"),
            Map.entry("{\"plan\":\"free\"}", "name is required"),
            Map.entry("{\"name\":null}", "name is required"),
            Map.entry("{\"name\":1}", "name must be a string"),
            Map.entry("{\"name\":{}}", "name must be a string"),
            Map.entry("{\"name\":[\"a\"]}", "name must be a string"),
            Map.entry("{\"name\":true}", "name must be a string"));
    refused.forEach(
        (body, message) ->
            assertThatThrownBy(() -> read(body, TenantRequest.class))
                .as(body)
                .isInstanceOf(SignetException.InvalidRequest.class)
                .hasMessage(message));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"key_version\":1.0}",
        "{\"key_version\":1e0}",
        "{\"key_version\":\"1\"}",
        "{\"key_version\":true}",
        "{\"key_version\":[1]}",
        "{\"key_version\":99999999999999999999}"
      })
  void integersAreIntegerLiteralsOnly(String body) {
    assertThatThrownBy(() -> read(body, KeyVersionRequest.class))
        .isInstanceOf(SignetException.InvalidRequest.class)
        .hasMessageStartingWith("key_version ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "aGk",
        "aGl=",
        "QR==",
        "aGVsbG9=",
        "aGVsbG8=aGk=",
        "aG k=",
        "aGk-",
        "a_k=",
        "aGk=\\n",
        "\\uD800aGk=",
        "aGk\\u00e9"
      })
  void base64IsStrictCanonicalAndPadded(String encoded) {
    assertThatThrownBy(
            () -> read("{\"message\":\"" + encoded + "\",\"key_version\":1}", SignRequest.class))
        .isInstanceOf(SignetException.InvalidRequest.class)
        .hasMessageContaining("message must be");
  }

  @Test
  void aPayloadOverTheLimitIsTooLarge() {
    String big = java.util.Base64.getEncoder().encodeToString(new byte[(1 << 20) + 1]);
    assertThatThrownBy(
            () -> read("{\"message\":\"" + big + "\",\"key_version\":1}", SignRequest.class))
        .isInstanceOfSatisfying(
            SignetException.InvalidRequest.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "[]",
        "\"name\"",
        "{\"name\":\"a\",\"name\":\"a\"}",
        "{\"name\":\"a\"}{}",
        "{\"name\":\"a\",}",
        "{name:\"a\"}"
      })
  void aBodyThatIsNotExactlyOneObjectIsMalformed(String body) {
    assertThatThrownBy(() -> read(body, TenantRequest.class))
        .isInstanceOfSatisfying(
            SignetException.InvalidRequest.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
  }

  @Test
  void onlyUtf8IsRead() {
    for (var charset :
        List.of(
            StandardCharsets.UTF_16,
            StandardCharsets.UTF_16BE,
            StandardCharsets.UTF_16LE,
            java.nio.charset.Charset.forName("UTF-32"))) {
      byte[] body = "{\"name\":\"acme\"}".getBytes(charset);
      assertThatThrownBy(() -> reader.read(body, TenantRequest.class))
          .as(charset.name())
          .isInstanceOfSatisfying(
              SignetException.InvalidRequest.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
    }
    byte[] withBom = "\uFEFF{\"name\":\"acme\"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> reader.read(withBom, TenantRequest.class))
        .isInstanceOf(SignetException.InvalidRequest.class);
    byte[] invalidUtf8 = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc3, '"', '}'};
    assertThatThrownBy(() -> reader.read(invalidUtf8, TenantRequest.class))
        .isInstanceOfSatisfying(
            SignetException.InvalidRequest.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
  }

  /**
   * The parser alone took these and decoded them into other text: an overlong "/" (C0 AF) became
   * "/", a sequence past U+10FFFF became two lone surrogates, and an escaped lone surrogate was
   * stored as "?". Each is refused; well-formed text in every length of UTF-8 is still read.
   */
  @Test
  void textMustBeWellFormedUnicode() {
    for (byte[] bad :
        List.of(
            new byte[] {(byte) 0xc0, (byte) 0xaf},
            new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
            new byte[] {(byte) 0xe2, (byte) 0x82})) {
      byte[] body =
          concat(
              "{\"name\":\"a".getBytes(StandardCharsets.UTF_8),
              bad,
              "\"}".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> reader.read(body, TenantRequest.class))
          .as(java.util.HexFormat.of().formatHex(bad))
          .isInstanceOfSatisfying(
              SignetException.InvalidRequest.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
    }
    for (String escaped : List.of("\\ud800", "\\udc00", "a\\ud83dz", "\\ude00\\ud83d")) {
      assertThatThrownBy(() -> read("{\"name\":\"" + escaped + "\"}", TenantRequest.class))
          .as(escaped)
          .isInstanceOfSatisfying(
              SignetException.InvalidRequest.class,
              e -> assertThat(e.getMessage()).contains("name must be Unicode text"));
    }
    String text = "a\u00e9\u20ac\ud83d\ude00";
    assertThat(read("{\"name\":\"" + text + "\"}", TenantRequest.class).name()).isEqualTo(text);
    assertThat(read("{\"name\":\"\\ud83d\\ude00\"}", TenantRequest.class).name())
        .isEqualTo("\ud83d\ude00");
  }

  @Test
  void aLongBodyIsCheckedWholeAcrossTheDecodersBuffer() {
    byte[] valid = "a\u00e9\u20ac\ud83d\ude00".repeat(3000).getBytes(StandardCharsets.UTF_8);
    assertThat(RequestReader.wellFormedUtf8(valid)).isTrue();
    assertThat(RequestReader.wellFormedUtf8(new byte[0])).isTrue();
    for (int at : new int[] {0, 4095, 4096, valid.length - 1}) {
      byte[] bad = valid.clone();
      bad[at] = (byte) 0xc0;
      assertThat(RequestReader.wellFormedUtf8(bad)).as("0xc0 at %d", at).isFalse();
    }
    byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 1);
    assertThat(RequestReader.wellFormedUtf8(truncated)).isFalse();
    byte[] ascii = "{\"message\":\"aGk=\"}".repeat(500).getBytes(StandardCharsets.US_ASCII);
    assertThat(RequestReader.wellFormedUtf8(ascii)).isTrue();
    byte[] asciiThenOverlong = concat(ascii, new byte[] {(byte) 0xc0, (byte) 0xaf});
    assertThat(RequestReader.wellFormedUtf8(asciiThenOverlong)).isFalse();
  }

  private static byte[] concat(byte[]... parts) {
    var out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) out.writeBytes(part);
    return out.toByteArray();
  }

  /**
   * Valid JSON nested deeper than the reader allows (here inside an unknown field of a batch item)
   * is refused as such, not as "not valid JSON".
   */
  @Test
  void tooDeepIsSaidToBeTooDeep() {
    String deep = "{\"items\":[{\"message\":\"aGk=\",\"key_version\":1,\"x\":{\"a\":[1]}}]}";
    assertThatThrownBy(() -> read(deep, Batch.class))
        .isInstanceOfSatisfying(
            SignetException.InvalidRequest.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
              assertThat(e.getMessage()).contains("deeper than 4");
            });
  }

  /**
   * The parser's other limit, a number longer than 1000 digits, is not said to be nesting (it was:
   * every StreamConstraintsException read as "deeper than 4").
   */
  @Test
  void aTooLongNumberIsNotSaidToBeTooDeep() {
    String longNumber = "{\"message\":\"aGk=\",\"key_version\":" + "1".repeat(1001) + "}";
    assertThatThrownBy(() -> read(longNumber, SignRequest.class))
        .isInstanceOfSatisfying(
            SignetException.InvalidRequest.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY);
              assertThat(e.getMessage()).doesNotContain("deeper").contains("number");
            });
  }

  /**
   * An unknown field's name is cut in the message at a code point: cut inside a surrogate pair, the
   * refusal itself held an unpaired surrogate, which strict JSON readers reject.
   */
  @Test
  void anUnknownFieldNameIsCutAtACodePoint() {
    String name = "a".repeat(39) + "\uD83D\uDE00" + "b";
    assertThatThrownBy(() -> read("{\"" + name + "\":1}", SignRequest.class))
        .isInstanceOfSatisfying(
            SignetException.InvalidRequest.class,
            e -> {
              String message = e.getMessage();
              assertThat(message).contains("unknown field");
              assertThat(message.codePoints().filter(c -> c >= 0xD800 && c <= 0xDFFF)).isEmpty();
            });
  }

  /** A batch body as a record: its items are sign requests, each read or refused on its own. */
  @io.micronaut.serde.annotation.Serdeable
  record Batch(List<RequestReader.Item<SignRequest>> items) {}

  @Test
  void aBatchReadsEachItemOnItsOwn() {
    Batch batch =
        read(
            "{\"items\":["
                + "{\"message\":\"aGk=\",\"key_version\":1},"
                + "{\"message\":\"aGk=\",\"key_version\":\"1\"},"
                + "{\"message\":[1,\"a\"],\"key_version\":1},"
                + "{\"nope\":{\"a\":1,\"b\":true},\"key_version\":2},"
                + "{\"key_version\":2},"
                + "\"x\",[{}],"
                + "{\"message\":\"aGk=\",\"key_version\":3}]}",
            Batch.class);
    List<String> outcomes =
        batch.items().stream()
            .map(
                item ->
                    switch (item) {
                      case RequestReader.Item.Read<SignRequest> read ->
                          "version " + read.value().keyVersion();
                      case RequestReader.Item.Refused<SignRequest> refused ->
                          refused.reason().getMessage();
                    })
            .toList();
    assertThat(outcomes)
        .containsExactly(
            "version 1",
            "key_version must be an integer",
            "message must be a base64 string",
            "unknown field 'nope'; allowed: algorithm, context, format, key_version, message",
            "message is required",
            "items must hold JSON objects",
            "items must hold JSON objects",
            "version 3");
    String tooMany = "{\"message\":\"aGk=\",\"key_version\":1},".repeat(RequestReader.MAX_ITEMS);
    assertThatThrownBy(() -> read("{\"items\":[" + tooMany + "{}]}", Batch.class))
        .hasMessageContaining("more than " + RequestReader.MAX_ITEMS);
    assertThatThrownBy(() -> read("{\"items\":[{\"nope\":[[[]]]}]}", Batch.class))
        .as("nesting deeper than any request is malformed, even in a refused item")
        .isInstanceOfSatisfying(
            SignetException.InvalidRequest.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
    assertThatThrownBy(() -> read("{\"items\":[{\"message\":\"aGk=\",]}", Batch.class))
        .isInstanceOfSatisfying(
            SignetException.InvalidRequest.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
  }

  @Test
  void arraysAreCapped() {
    String scopes = "\"sign\",".repeat(RequestReader.MAX_ARRAY_ELEMENTS) + "\"sign\"";
    assertThatThrownBy(() -> read("{\"scopes\":[" + scopes + "]}", ApiKeyRequest.class))
        .isInstanceOf(SignetException.InvalidRequest.class)
        .hasMessageContaining("more than");
  }

  /**
   * Three MiB of hostile structure must cost about nothing beyond the body itself: the reader stops
   * at the first token it cannot use instead of building a tree. The bound (256 KiB) is a hundredth
   * of what a tree of these bodies costs.
   */
  @Test
  void hostileThreeMibBodiesAreRefusedWithBoundedAllocation() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Map<String, byte[]> bodies =
        Map.of(
            "nested objects under an unknown name",
            fill("{\"a\":", "{\"a\":", ""),
            "empty objects where a string belongs",
            fill("{\"name\":[", "{},", "{}]}"),
            "nested arrays where a string belongs",
            fill("{\"name\":", "[", ""),
            "objects in a string array",
            fill("{\"scopes\":[", "{},", "{}]}"),
            "strings past the array cap",
            fill("{\"scopes\":[", "\"sign\",", "\"sign\"]}"),
            "a top-level array of objects",
            fill("[", "{},", "{}]"),
            "objects after the object",
            fill("{\"name\":\"a\"}", "{}", ""));
    for (int warm = 0; warm < 3; warm++) {
      for (byte[] body : bodies.values()) {
        refuse(body, true);
        refuse(body, false);
      }
    }
    bodies.forEach(
        (what, body) -> {
          Class<?> type = what.contains("array") ? ApiKeyRequest.class : TenantRequest.class;
          long before = threads.getCurrentThreadAllocatedBytes();
          assertThatThrownBy(() -> reader.read(body, type))
              .isInstanceOf(SignetException.InvalidRequest.class);
          long allocated = threads.getCurrentThreadAllocatedBytes() - before;
          assertThat(allocated).as(what + " (" + body.length + " bytes)").isLessThan(256 * 1024);
        });
  }

  private void refuse(byte[] body, boolean asApiKey) {
    try {
      Class<?> type = asApiKey ? ApiKeyRequest.class : TenantRequest.class;
      reader.read(body, type);
    } catch (SignetException.InvalidRequest expected) {
      return;
    }
    throw new AssertionError("accepted a hostile body");
  }

  /** {@code head}, then {@code unit} repeated up to 3 MiB, then {@code tail}. */
  private static byte[] fill(String head, String unit, String tail) {
    StringBuilder text = new StringBuilder(THREE_MIB).append(head);
    while (text.length() + unit.length() + tail.length() <= THREE_MIB) text.append(unit);
    return text.append(tail).toString().getBytes(StandardCharsets.UTF_8);
  }

  private <T> T read(String body, Class<T> type) {
    return reader.read(body.getBytes(StandardCharsets.UTF_8), type);
  }
}
