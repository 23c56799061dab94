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

  /** A new free-plan tenant's API key with {@code scopes} (JSON strings), as request headers. */
  private static Map<String, String> freeCaller(RawHttp http, String name, String scopes) {
    String tenant =
        (String)
            http.send(
                    "POST",
                    "/admin/v1/tenants",
                    AdminApiTest.AS_ADMIN_JSON,
                    "{\"name\":\"" + name + "\",\"plan\":\"free\"}")
                .data()
                .get("tenant_id");
    String apiKey =
        (String)
            http.send(
                    "POST",
                    "/admin/v1/tenants/" + tenant + "/api-keys",
                    AdminApiTest.AS_ADMIN_JSON,
                    "{\"scopes\":[" + scopes + "]}")
                .data()
                .get("api_key");
    return Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
  }

  private static long remaining(RawHttp.Reply reply) {
    return Long.parseLong(reply.header("X-RateLimit-Remaining"));
  }
}
