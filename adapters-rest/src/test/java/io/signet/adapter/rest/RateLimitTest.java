package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
class RateLimitTest {
  @Inject EmbeddedServer server;

  @Test
  void aFreeTenantGets429WithRetryAfterOnceItsBurstIsSpentAndHeadersAlways() {
    RawHttp http = new RawHttp(server.getURI());
    Map<String, String> caller = freeCaller(http, "free", "\"sign\",\"keys:manage\"");
    var generated = http.send("POST", "/api/v1/kms/keys/generate", caller, "{}");
    assertThat(generated.header("X-RateLimit-Limit")).isEqualTo("200");
    assertThat(generated.header("X-RateLimit-Remaining")).isEqualTo("150");

    RawHttp.Reply limited = null;
    int signed = 0;
    for (int i = 0; i < 30 && limited == null; i++) {
      var reply =
          http.send(
              "POST", "/api/v1/signature/sign", caller, "{\"message\":\"aGk=\",\"key_version\":1}");
      if (reply.status() == 429) limited = reply;
      else signed++;
    }
    assertThat(signed).isEqualTo(15);
    assertThat(limited).isNotNull();
    assertThat(limited.errorCode()).isEqualTo("ERR_RATE_LIMIT_001");
    assertThat(limited.header("Retry-After")).isEqualTo("1");
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("200");
    assertThat(limited.headers().get("x-ratelimit-remaining")).as("set once").hasSize(1);
  }

  @Test
  void theCostFollowsTheMatchedRouteHoweverThePathIsSpelt() {
    RawHttp http = new RawHttp(server.getURI());
    Map<String, String> caller =
        freeCaller(http, "costs", "\"sign\",\"verify\",\"keys:manage\",\"keys:read\"");
    long before = remaining(http.send("POST", "/api/v1/kms/keys/generate/", caller, "{}"));
    assertThat(before).isEqualTo(150);
    String sign = "{\"message\":\"aGk=\",\"key_version\":1}";
    for (String path : new String[] {"/api/v1/signature/sign/", "/api/v1/signature/sign"}) {
      var reply = http.send("POST", path, caller, sign);
      assertThat(reply.status()).as(path).isEqualTo(200);
      assertThat(remaining(reply)).as(path).isLessThanOrEqualTo(before - 10);
      before = remaining(reply);
    }
    var listed = http.send("GET", "/api/v1/kms/keys/", caller, (String) null);
    assertThat(remaining(listed)).isLessThanOrEqualTo(before - 1).isGreaterThan(before - 10);
  }

  @Test
  void aBatchCostsItsRoutesCostPerItemAndOverBudgetIs429WithTheHeaders() {
    RawHttp http = new RawHttp(server.getURI());
    Map<String, String> caller = freeCaller(http, "batches", "\"sign\",\"keys:manage\"");
    assertThat(remaining(http.send("POST", "/api/v1/kms/keys/generate", caller, "{}")))
        .isEqualTo(150);
    String item = "{\"message\":\"aGk=\",\"key_version\":1}";

    var three = http.send("POST", "/api/v1/signature/sign-batch/", caller, batch(3, item));
    assertThat(three.status()).as(three.body()).isEqualTo(200);
    assertThat(remaining(three)).as("3 items at 10 units").isEqualTo(120);

    var thirteen = http.send("POST", "/api/v1/signature/sign-batch", caller, batch(13, item));
    assertThat(thirteen.status()).as(thirteen.body()).isEqualTo(429);
    assertThat(thirteen.errorCode()).isEqualTo("ERR_RATE_LIMIT_001");
    assertThat(thirteen.body()).doesNotContain("signature");
    assertThat(thirteen.header("Retry-After")).isNotNull();
    assertThat(thirteen.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(thirteen.header("X-RateLimit-Limit")).isEqualTo("200");
  }

  /** A new free-plan tenant's API key with {@code scopes} (JSON strings), as request headers. */
  private static Map<String, String> freeCaller(RawHttp http, String name, String scopes) {
    return TestCallers.caller(http, name, "free", scopes);
  }

  private static String batch(int items, String item) {
    return "{\"items\":[" + String.join(",", java.util.Collections.nCopies(items, item)) + "]}";
  }

  private static long remaining(RawHttp.Reply reply) {
    return Long.parseLong(reply.header("X-RateLimit-Remaining"));
  }
}
