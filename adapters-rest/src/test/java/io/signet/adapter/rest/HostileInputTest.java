package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sends hundreds of malformed or hostile requests across the routes and checks that none gets a
 * 500, a non-JSON body or anything that looks like a stack trace or an internal class name.
 */
@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
class HostileInputTest {
  private static final List<String> BODIES =
      List.of(
          "",
          " ",
          "{",
          "}",
          "{}",
          "[]",
          "null",
          "true",
          "0",
          "-1",
          "1e309",
          "\"\"",
          "{\"name\":null}",
          "{\"name\":{}}",
          "{\"name\":[]}",
          "{\"name\":true}",
          "{\"name\":1.5}",
          "{\"name\":\"\\u0000\"}",
          "{\"name\":\"" + "x".repeat(5000) + "\"}",
          "{\"scopes\":null}",
          "{\"scopes\":[null]}",
          "{\"scopes\":[[\"sign\"]]}",
          "{\"scopes\":{\"a\":1}}",
          "{\"plan\":\"\"}",
          "{'name':'single'}",
          "{name:\"unquoted\"}",
          "{\"name\":\"a\",}",
          "{\"name\":\"a\"}{\"name\":\"b\"}",
          "\uFEFF{\"name\":\"bom\"}",
          "{\"name\":\"\\ud800\"}",
          "{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}",
          "{\"name\":\"a\",\"name\":\"a\"}",
          "{\"__proto__\":{\"x\":1}}",
          "<xml/>",
          "name=acme",
          "{\"name\":\"acme\"" + ",\"x\":1".repeat(50) + "}",
          "{\"name\":1" + "0".repeat(400) + "}",
          "{\"name\":-0.0e-0}",
          "{\"name\":\"\\x41\"}",
          "\u0000\u0001\u0002");
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-16",
          "text/plain",
          "application/xml",
          "multipart/form-data; boundary=x",
          "application/x-www-form-urlencoded",
          "*/*",
          "application/jso");

  @Inject EmbeddedServer server;

  /**
   * A body that does not decode as its {@code Content-Encoding} says is the client's error: 400
   * ERR_INVALID_001 in the envelope, as a body that is not JSON (it was a 500 ERR_INTERNAL_001). A
   * well-formed gzip body is read as the JSON it holds.
   */
  @Test
  void aBodyThatDoesNotDecodeAsItsContentEncodingIsA400() throws java.io.IOException {
    RawHttp http = new RawHttp(server.getURI());
    byte[] json = "{\"name\":\"gzipped\"}".getBytes(StandardCharsets.UTF_8);
    var gzipped = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gzipped)) {
      out.write(json);
    }
    byte[] valid = gzipped.toByteArray();
    byte[] corrupt = valid.clone();
    for (int i = 10; i < 16; i++) corrupt[i] ^= (byte) 0x5a;
    Map<String, String> gzip =
        Map.of(
            "Authorization",
            AdminApiTest.ADMIN,
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "gzip");
    assertThat(http.send("POST", "/admin/v1/tenants", gzip, valid).status()).isEqualTo(201);
    for (byte[] body : List.of(corrupt, json)) {
      var reply = http.send("POST", "/admin/v1/tenants", gzip, body);
      assertThat(reply.status()).as(reply.body()).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("ERR_INVALID_001");
      assertThat(reply.json()).containsKeys("request_id", "timestamp");
    }
  }

  /**
   * A body that states no type, a type that is not a media type or is sent twice, or JSON in a
   * charset other than UTF-8 (the parameter's name in any case, or given twice) is refused as a
   * wrong content type (400 ERR_INVALID_001) and changes nothing; the framework read all of them as
   * UTF-8 JSON (201). UTF-8 by its names passes; an empty body is refused as empty, not for its
   * type; a chunked or gzip body without a type is refused too; routes that read no body and
   * unknown routes answer as before (405, 404); on a tenant route the refusal is charged (with
   * {@code X-RateLimit-*}) like the framework's refusal of another type; on {@code /auth} it is in
   * §6's shape.
   */
  @Test
  @SuppressWarnings("unchecked")
  void aBodyWithoutATypeOrInAnotherCharsetIsRefused() throws Exception {
    RawHttp http = new RawHttp(server.getURI());
    Map<String, String> admin = Map.of("Authorization", AdminApiTest.ADMIN);
    java.util.function.Supplier<Integer> tenants =
        () ->
            ((List<Object>)
                    http.send("GET", "/admin/v1/tenants", admin, (String) null)
                        .data()
                        .get("tenants"))
                .size();
    int before = tenants.get();
    byte[] tenant = "{\"name\":\"typed\"}".getBytes(StandardCharsets.UTF_8);
    var untyped = http.send("POST", "/admin/v1/tenants", admin, tenant);
    assertThat(untyped.status()).as(untyped.body()).isEqualTo(400);
    assertThat(untyped.errorCode()).isEqualTo("ERR_INVALID_001");
    assertThat(untyped.body()).contains("no Content-Type");
    assertThat(untyped.json()).containsKeys("request_id", "timestamp");
    for (String type :
        List.of(
            "application/json; charset=utf-16",
            "application/json; charset=UTF-32",
            "application/json; charset=iso-8859-1",
            "application/json; charset=\"utf-16\"",
            "application/json; charset=bogus",
            "application/json; charset=",
            "application/json; Charset=utf-16",
            "application/json; CHARSET=UTF-16",
            "application/json; charset=utf-16; charset=utf-8",
            "application/json; charset=utf-8; Charset=utf-16",
            "application/json; charset=utf-8; charset=utf-8",
            "json",
            ";charset=utf-8")) {
      var reply =
          http.send(
              "POST",
              "/admin/v1/tenants",
              Map.of("Authorization", AdminApiTest.ADMIN, "Content-Type", type),
              tenant);
      assertThat(reply.status()).as(type + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.errorCode()).as(type).isEqualTo("ERR_INVALID_001");
    }
    var twoTypes =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/admin/v1/tenants"))
                    .header("Authorization", AdminApiTest.ADMIN)
                    .header("Content-Type", "application/json")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(tenant))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(twoTypes.statusCode()).as(twoTypes.body()).isEqualTo(400);
    assertThat(twoTypes.body()).contains("Content-Type is sent twice");
    var chunked =
        java.net.http.HttpClient.newHttpClient()
            .send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/admin/v1/tenants"))
                    .header("Authorization", AdminApiTest.ADMIN)
                    .POST(
                        java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                            () -> new java.io.ByteArrayInputStream(tenant)))
                    .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(400);
    assertThat(chunked.body()).contains("no Content-Type");
    var gzipped = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(gzipped)) {
      out.write(tenant);
    }
    var gzip =
        http.send(
            "POST",
            "/admin/v1/tenants",
            Map.of("Authorization", AdminApiTest.ADMIN, "Content-Encoding", "gzip"),
            gzipped.toByteArray());
    assertThat(gzip.status()).as(gzip.body()).isEqualTo(400);
    assertThat(gzip.body()).contains("no Content-Type");
    String id = TestCallers.tenant(http, "policy");
    var policy =
        http.send(
            "PUT", "/admin/v1/tenants/" + id + "/key-policy", admin, "{\"rotate_after_days\":90}");
    assertThat(policy.status()).as(policy.body()).isEqualTo(400);
    assertThat(policy.errorCode()).isEqualTo("ERR_INVALID_001");
    assertThat(tenants.get()).as("nothing refused was created").isEqualTo(before + 1);
    for (String charset : List.of("utf-8", "UTF-8", "\"utf-8\"", "utf8", "UTF8")) {
      var reply =
          http.send(
              "POST",
              "/admin/v1/tenants",
              Map.of(
                  "Authorization",
                  AdminApiTest.ADMIN,
                  "Content-Type",
                  "application/json; charset=" + charset),
              tenant);
      assertThat(reply.status()).as(charset + ": " + reply.body()).isEqualTo(201);
    }
    var empty = http.send("POST", "/admin/v1/tenants", admin, "");
    assertThat(empty.body())
        .as("an empty body is refused as empty")
        .contains("the request body is empty");
    var signer = TestCallers.caller(http, "untyped", "standard", "\"sign\"");
    String sign = "{\"message\":\"aGk=\",\"key_version\":1}";
    var refused =
        http.send(
            "POST", "/api/v1/signature/sign", Map.of("X-API-Key", signer.get("X-API-Key")), sign);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.errorCode()).isEqualTo("ERR_INVALID_001");
    assertThat(refused.header("X-RateLimit-Remaining"))
        .as("charged, like the framework's refusal of another type")
        .isNotNull();
    var anonymous = http.send("POST", "/api/v1/signature/sign", Map.of(), sign);
    assertThat(anonymous.errorCode()).as("authentication first").isEqualTo("ERR_AUTH_001");
    var wrongMethod =
        http.send(
            "PUT", "/api/v1/signature/sign", Map.of("X-API-Key", signer.get("X-API-Key")), sign);
    assertThat(wrongMethod.status()).as(wrongMethod.body()).isEqualTo(405);
    var unknown =
        http.send("POST", "/api/v1/nowhere", Map.of("X-API-Key", signer.get("X-API-Key")), sign);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    var wallet = http.send("POST", "/auth", Map.of(), "{\"pk\":\"00\"}");
    assertThat(wallet.status()).as(wallet.body()).isEqualTo(400);
    assertThat(wallet.json())
        .containsOnlyKeys("code", "message")
        .containsEntry("code", "invalid_request");
    assertThat((String) wallet.json().get("message")).contains("Content-Type");
  }

  /**
   * A body in a content coding the server does not decode is refused before it is read, naming the
   * coding, with {@code Accept-Encoding}; it was read as if it were plain (201 for a plain JSON
   * body labelled {@code br}). {@code identity} is no coding; on {@code /auth} the refusal is in
   * §6's shape.
   */
  @Test
  void aBodyInACodingTheServerDoesNotDecodeIsRefused() {
    RawHttp http = new RawHttp(server.getURI());
    String json = "{\"name\":\"coded\"}";
    for (String coding : List.of("br", "zstd", "x-made-up", "gzip, br", "compress")) {
      Map<String, String> headers =
          Map.of(
              "Authorization",
              AdminApiTest.ADMIN,
              "Content-Type",
              "application/json",
              "Content-Encoding",
              coding);
      var reply = http.send("POST", "/admin/v1/tenants", headers, json);
      assertThat(reply.status()).as(coding + ": " + reply.body()).isEqualTo(400);
      assertThat(reply.errorCode()).isEqualTo("ERR_INVALID_001");
      assertThat(reply.body()).contains("Content-Encoding \\\"" + coding + "\\\" is not supported");
      assertThat(reply.header("Accept-Encoding")).isEqualTo("gzip, deflate");
      assertThat(reply.header("X-Request-Id")).isEqualTo(reply.json().get("request_id"));
    }
    Map<String, String> identity =
        Map.of(
            "Authorization",
            AdminApiTest.ADMIN,
            "Content-Type",
            "application/json",
            "Content-Encoding",
            "identity");
    assertThat(http.send("POST", "/admin/v1/tenants", identity, json).status()).isEqualTo(201);
    var wallet =
        http.send(
            "POST",
            "/auth",
            Map.of("Content-Type", "application/json", "Content-Encoding", "br"),
            "{\"pk\":\"00\"}");
    assertThat(wallet.status()).as(wallet.body()).isEqualTo(400);
    assertThat(wallet.body()).contains("invalid_request").contains("br");
  }

  /**
   * An undecodable body is the client's error, and logs no ERROR: anyone can send one to {@code
   * /auth}, and the framework's default path logged each at ERROR with a stack trace.
   */
  @Test
  void anUndecodableBodyLogsNoError() {
    RawHttp http = new RawHttp(server.getURI());
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var lines =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    lines.start();
    root.addAppender(lines);
    try {
      Map<String, String> gzip =
          Map.of("Content-Type", "application/json", "Content-Encoding", "gzip");
      var wallet = http.send("POST", "/auth", gzip, "{\"pk\":\"00\"}");
      assertThat(wallet.status()).as(wallet.body()).isEqualTo(400);
      assertThat(wallet.body()).contains("invalid_request");
      Map<String, String> admin =
          Map.of(
              "Authorization",
              AdminApiTest.ADMIN,
              "Content-Type",
              "application/json",
              "Content-Encoding",
              "gzip");
      var tenant = http.send("POST", "/admin/v1/tenants", admin, "{\"name\":\"plain\"}");
      assertThat(tenant.status()).as(tenant.body()).isEqualTo(400);
      assertThat(tenant.errorCode()).isEqualTo("ERR_INVALID_001");
    } finally {
      root.detachAppender(lines);
    }
    assertThat(lines.list)
        .noneSatisfy(
            line -> assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR));
  }

  /**
   * What the framework refuses before RequestReader sees a body is not "not valid JSON": an empty
   * body says it is empty, an unparsable request line says the request is malformed.
   */
  @Test
  void framingErrorsSayWhatIsWrong() {
    RawHttp http = new RawHttp(server.getURI());
    var empty = http.send("POST", "/admin/v1/tenants", AdminApiTest.AS_ADMIN_JSON, "");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.errorCode()).isEqualTo("ERR_INVALID_001");
    assertThat(empty.body()).contains("the request body is empty");
    String badQuery =
        rawExchange(
            "GET /admin/v1/audit?limit=%zz HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: "
                + AdminApiTest.ADMIN
                + "\r\nConnection: close\r\n\r\n");
    assertThat(badQuery)
        .startsWith("HTTP/1.1 400")
        .contains("ERR_INVALID_001")
        .contains("the request is malformed")
        .doesNotContain("JSON");
  }

  /**
   * A request line or header fields over the decoder's limits are 414 and 431 in the envelope, with
   * {@code X-Request-Id} naming the body's request id, and log no ERROR (anyone can send them).
   * They were 413 ERR_SIG_002 "body over limit", without the header. A body over its limit stays
   * 413.
   */
  @Test
  void aRequestLineOrHeadersOverTheirLimitsAre414And431() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    var lines =
        new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    lines.start();
    root.addAppender(lines);
    String end = "Connection: close\r\n\r\n";
    StringBuilder manyHeaders = new StringBuilder();
    for (int i = 0; i < 100; i++)
      manyHeaders.append("X-H").append(i).append(": ").append("a".repeat(100)).append("\r\n");
    try {
      assertRefused(
          rawExchange("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n" + end),
          414,
          "request line");
      assertRefused(
          rawExchange(
              "GET /health/liveness HTTP/1.1\r\nHost: x\r\nX-Big: "
                  + "a".repeat(9000)
                  + "\r\n"
                  + end),
          431,
          "header fields");
      assertRefused(
          rawExchange("POST /admin/v1/tenants HTTP/1.1\r\nHost: x\r\n" + manyHeaders + end),
          431,
          "header fields");
      String body = "x".repeat(3145729);
      assertThat(
              rawExchange(
                  "POST /admin/v1/tenants HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      + "Authorization: "
                      + AdminApiTest.ADMIN
                      + "\r\nContent-Length: "
                      + body.length()
                      + "\r\n"
                      + end))
          .startsWith("HTTP/1.1 413")
          .contains("ERR_SIG_002");
    } finally {
      root.detachAppender(lines);
    }
    assertThat(lines.list)
        .noneSatisfy(
            line -> assertThat(line.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR));
  }

  private static void assertRefused(String answer, int status, String what) {
    assertThat(answer).matches("(?s)HTTP/1\\.[01] " + status + " .*");
    assertThat(answer).contains("\"error_code\":\"ERR_INVALID_001\"").contains(what);
    var id =
        java.util.regex.Pattern.compile("(?i)\r\nX-Request-Id: ([0-9a-f-]{36})\r\n")
            .matcher(answer);
    assertThat(id.find()).as(answer).isTrue();
    assertThat(answer).contains("\"request_id\":\"" + id.group(1) + "\"");
  }

  /**
   * A request with two credentials is refused, even when one of them is valid: which one counts
   * must not depend on whether a proxy in front reads the first or the last (the first was used).
   */
  @Test
  void twoCredentialsAreNone() {
    RawHttp http = new RawHttp(server.getURI());
    String tenant = TestCallers.tenant(http, "two-keys");
    String key = TestCallers.apiKey(http, tenant, "keys:read").get("X-API-Key");
    String one = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-API-Key: " + key + "\r\n";
    assertThat(rawExchange(one + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    for (String second : List.of(key, "sgn_other")) {
      assertThat(rawExchange(one + "X-API-Key: " + second + "\r\nConnection: close\r\n\r\n"))
          .startsWith("HTTP/1.1 401")
          .contains("ERR_AUTH_001");
    }
    String admin =
        "GET /admin/v1/tenants HTTP/1.1\r\nHost: x\r\nAuthorization: "
            + AdminApiTest.ADMIN
            + "\r\n";
    assertThat(rawExchange(admin + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 200");
    assertThat(rawExchange(admin + "Authorization: Bearer wrong\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 401")
        .contains("ERR_AUTH_001");
  }

  /** Sends {@code request} as it is over a new connection; the whole answer. */
  private String rawExchange(String request) {
    try (var socket = new java.net.Socket(server.getHost(), server.getPort())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void neverAnswersHostileInputWithA500OrAStackTrace() {
    RawHttp http = new RawHttp(server.getURI());
    String tenant = TestCallers.tenant(http, "fuzz");
    List<String[]> routes =
        List.of(
            new String[] {"POST", "/admin/v1/tenants"},
            new String[] {"POST", "/admin/v1/tenants/" + tenant + "/api-keys"},
            new String[] {"POST", "/admin/v1/tenants/%2e%2e%2f/api-keys"},
            new String[] {"DELETE", "/admin/v1/api-keys/" + tenant},
            new String[] {"GET", "/admin/v1/audit?limit=-99999999999999999999"},
            new String[] {"GET", "/api/v1/me"},
            new String[] {"POST", "/api/v1/kms/keys/rotate"},
            new String[] {"POST", "/api/v1/signature/sign"},
            new String[] {"POST", "/api/v1/signature/verify-hash"},
            new String[] {"POST", "/admin/v1/tenants/" + tenant + "/keys/retire"},
            new String[] {"PUT", "/admin/v1/tenants/" + tenant + "/key-policy"},
            new String[] {"POST", "/api/v1/me"});
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (String[] route : routes) {
      for (String body : BODIES) {
        check(
            http,
            route[0],
            route[1],
            AdminApiTest.AS_ADMIN_JSON,
            body.getBytes(StandardCharsets.UTF_8),
            failures);
        sent++;
      }
      for (String type : CONTENT_TYPES) {
        check(
            http,
            route[0],
            route[1],
            Map.of("Authorization", AdminApiTest.ADMIN, "Content-Type", type),
            "{\"name\":\"t\"}".getBytes(StandardCharsets.UTF_8),
            failures);
        sent++;
      }
    }
    Random random = new Random(20261122);
    byte[] valid = "{\"name\":\"acme\",\"plan\":\"free\"}".getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < 150; i++) {
      byte[] mutated = valid.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
      }
      check(http, "POST", "/admin/v1/tenants", AdminApiTest.AS_ADMIN_JSON, mutated, failures);
      sent++;
    }
    List<Map<String, String>> hostileHeaders =
        List.of(
            Map.of("Authorization", "Bearer " + "a".repeat(6000)),
            Map.of("Authorization", "Bearer"),
            Map.of("Authorization", "Bearer  "),
            Map.of("X-API-Key", "sgn_" + "0".repeat(32) + "_" + "A".repeat(43)),
            Map.of("X-API-Key", "' OR 1=1 --"),
            Map.of("X-API-Key", "x".repeat(6000)),
            Map.of(
                "Content-Type",
                "application/json",
                "Authorization",
                "bearer test-admin-token-0123456789abcdef0123x"));
    for (Map<String, String> headers : hostileHeaders) {
      for (String[] route : routes) {
        check(http, route[0], route[1], headers, "{}".getBytes(StandardCharsets.UTF_8), failures);
        sent++;
      }
    }
    assertThat(sent).isGreaterThanOrEqualTo(200);
    assertThat(failures).isEmpty();
  }

  /**
   * The signature routes with a tenant key, so that their bodies are read: the sweep's bodies and
   * signature-specific ones (wrong types, an unknown {@code format}, batches empty, over 1000 items
   * or not arrays) are each a 4xx with an error code; bad batch items fail alone with ERR_SIG_001
   * while the good one beside them is answered.
   */
  @Test
  @SuppressWarnings("unchecked")
  void signatureAndBatchBodiesAreRefusedClearlyAndBadItemsFailAlone() {
    RawHttp http = new RawHttp(server.getURI());
    Map<String, String> caller =
        TestCallers.caller(http, "fuzz", "standard", "\"sign\",\"verify\",\"keys:manage\"");
    assertThat(http.send("POST", "/api/v1/kms/keys/generate", caller, "{}").status())
        .isEqualTo(201);

    String ok = "{\"message\":\"aGk=\",\"key_version\":1";
    List<String> wholeBodies = new ArrayList<>(BODIES);
    wholeBodies.addAll(
        List.of(
            ok + ",\"format\":1}",
            ok + ",\"format\":[\"raw\"]}",
            ok + ",\"format\":{}}",
            ok + ",\"format\":true}",
            ok + ",\"format\":\"jwt\"}",
            ok + ",\"format\":\"\"}",
            "{\"message\":\"aGk=\",\"key_version\":\"1\"}",
            "{\"items\":[]}",
            "{\"items\":null}",
            "{\"items\":{}}",
            "{\"items\":\"x\"}",
            "{\"items\":[" + ok + "}],\"x\":1}",
            "{\"items\":[" + ok + "}],\"items\":[]}",
            "{\"items\":[[[[1]]]]}",
            "{\"items\":["
                + String.join(",", java.util.Collections.nCopies(1001, ok + "}"))
                + "]}"));
    List<String> routes =
        List.of(
            "/api/v1/signature/sign",
            "/api/v1/signature/verify",
            "/api/v1/signature/sign-hash",
            "/api/v1/signature/verify-hash",
            "/api/v1/signature/sign-batch",
            "/api/v1/signature/verify-batch");
    List<String> failures = new ArrayList<>();
    for (String route : routes) {
      for (String body : wholeBodies) {
        RawHttp.Reply reply = http.send("POST", route, caller, body);
        String what = route + " <" + body.substring(0, Math.min(60, body.length())) + ">";
        if (reply.status() != 400)
          failures.add(what + " -> " + reply.status() + " " + reply.body());
        else if (!List.of("ERR_SIG_001", "ERR_SIG_002", "ERR_INVALID_001")
            .contains(reply.errorCode())) failures.add(what + " -> " + reply.body());
      }
    }
    List<String> badItems =
        List.of(
            "null",
            "7",
            "\"x\"",
            "[]",
            "{}",
            ok + ",\"x\":1}",
            ok + ",\"format\":7}",
            ok + ",\"format\":\"jwt\"}",
            ok + ",\"context\":\"not base64\"}",
            ok + ",\"hash\":\"aGk=\",\"hash_algorithm\":\"SHA-256\"}",
            "{\"message\":1,\"key_version\":1}",
            "{\"message\":\"aGk=\",\"key_version\":1.5}",
            "{\"hash\":\"aGk=\",\"key_version\":1}",
            "{\"hash_algorithm\":\"SHA-256\",\"key_version\":1}",
            "{\"key_version\":1}");
    for (String route : List.of("/api/v1/signature/sign-batch", "/api/v1/signature/verify-batch")) {
      String good = route.contains("verify") ? ok + ",\"signature\":\"aGk=\"}" : ok + "}";
      List<String> items = new ArrayList<>(badItems);
      items.add(good);
      RawHttp.Reply reply =
          http.send("POST", route, caller, "{\"items\":[" + String.join(",", items) + "]}");
      assertThat(reply.status()).as(reply.body()).isEqualTo(200);
      List<Map<String, Object>> results = (List<Map<String, Object>>) reply.data().get("results");
      assertThat(results).hasSize(items.size());
      for (int i = 0; i < badItems.size(); i++) {
        Map<String, Object> result = results.get(i);
        assertThat(result.get("index")).isEqualTo(i);
        assertThat(result).as(route + " item " + badItems.get(i)).doesNotContainKey("data");
        assertThat(((Map<String, Object>) result.get("error")).get("error_code"))
            .as(route + " item " + badItems.get(i))
            .isEqualTo("ERR_SIG_001");
      }
      assertThat(results.getLast()).containsKey("data").doesNotContainKey("error");
    }
    assertThat(failures).isEmpty();
  }

  private static void check(
      RawHttp http,
      String method,
      String path,
      Map<String, String> headers,
      byte[] body,
      List<String> failures) {
    RawHttp.Reply reply = http.send(method, path, headers, method.equals("GET") ? null : body);
    String what =
        method
            + " "
            + path
            + " <"
            + new String(body, 0, Math.min(40, body.length), StandardCharsets.ISO_8859_1)
            + "> "
            + headers.keySet();
    if (reply.status() >= 500) failures.add(what + " -> " + reply.status() + " " + reply.body());
    String text = reply.body();
    if (text.contains("Exception")
        || text.contains("\tat ")
        || text.contains("io.micronaut")
        || text.contains("java.")) {
      failures.add(what + " leaks internals: " + text);
    }
    try {
      Map<String, Object> json = reply.json();
      if (!json.containsKey("request_id") || !json.containsKey("timestamp"))
        failures.add(what + " has no envelope: " + text);
      if (reply.status() >= 400 && reply.errorCode() == null)
        failures.add(what + " has no error code: " + text);
    } catch (AssertionError e) {
      failures.add(what + " is not JSON: " + text);
    }
  }
}
