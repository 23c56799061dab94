package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Many large bodies at once: the service turns the excess away with 503 in the envelope (never 500,
 * never out of memory), returns every charge when the exchanges end, and serves normally after.
 */
@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
@Property(name = "signet.http.max-in-flight-body-bytes", value = "8388608")
class BodyBudgetTest {
  private static final int BODY_BYTES = 3 << 20;

  @Inject EmbeddedServer server;
  @Inject BodyBudgetFilter budget;

  @Test
  void turnsAwayBodiesOverTheBudgetWithA503AndRecovers() throws Exception {
    StringBuilder text = new StringBuilder(BODY_BYTES).append("{\"name\":[");
    while (text.length() < BODY_BYTES - 10) text.append("{},");
    byte[] body = text.append("{}]}").toString().getBytes(StandardCharsets.UTF_8);
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      HttpRequest request =
          HttpRequest.newBuilder(server.getURI().resolve("/admin/v1/tenants"))
              .header("Authorization", AdminApiTest.ADMIN)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      replies.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
    }
    int refused = 0;
    int unavailable = 0;
    for (var future : replies) {
      HttpResponse<String> reply;
      try {
        reply = future.get();
      } catch (java.util.concurrent.ExecutionException e) {
        // The server may close a connection whose body it refused before the client sent it all.
        continue;
      }
      var parsed = new RawHttp.Reply(reply.statusCode(), reply.headers().map(), reply.body());
      assertThat(reply.statusCode()).as(reply.body()).isIn(400, 503);
      assertThat(parsed.json()).containsKeys("request_id", "timestamp");
      if (reply.statusCode() == 503) {
        unavailable++;
        assertThat(parsed.errorCode()).isEqualTo("ERR_SERVICE_001");
        assertThat(parsed.header("Retry-After")).isEqualTo("1");
      } else {
        refused++;
        assertThat(parsed.errorCode()).isEqualTo("ERR_SIG_001");
      }
    }
    assertThat(refused).isPositive();
    assertThat(unavailable).isPositive();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (budget.inFlightBytes() != 0 && System.nanoTime() < deadline) Thread.sleep(20);
    assertThat(budget.inFlightBytes()).isZero();
    var created =
        new RawHttp(server.getURI())
            .send("POST", "/admin/v1/tenants", AdminApiTest.AS_ADMIN_JSON, "{\"name\":\"after\"}");
    assertThat(created.status()).isEqualTo(201);
  }
}
