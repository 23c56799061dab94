package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.signet.adapter.rest.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /metrics} after real traffic (signatures, verifications, a rate-limit rejection, an
 * unknown route) has every family the operators' dashboard needs, labelled by route template and
 * plan, never by tenant id; and the Grafana dashboard in the repository asks only for metrics and
 * labels that exist.
 */
class MetricsIT {
  private static final Pattern READINESS_DOWN =
      Pattern.compile("signet_readiness\\{check=\"[^\"]+\"} 0");

  private static final Path DASHBOARD = Path.of("../deploy/grafana/signet-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\bsignet_[a-z0-9_]+");
  private static final Pattern BY = Pattern.compile("by \\(([^)]*)\\)");
  private static final Pattern LABEL_LIST = Pattern.compile(",");
  private static final Pattern SELECTOR_LABEL = Pattern.compile("[{,]\\s*([a-z_]+)\\s*=");

  @RegisterExtension
  static final SignetApp app = SignetApp.start(Map.of("signet.rate-limit.free-per-second", 5));

  private static String scrape;
  private static String tenantId;

  @BeforeAll
  static void traffic() throws Exception {
    String[] standard = app.tenantWithKey("metrics", "sign", "verify", "keys:manage");
    tenantId = standard[0];
    Map<String, String> caller =
        Map.of("X-API-Key", standard[1], "Content-Type", "application/json");
    ok(app.http.send("POST", "/api/v1/kms/keys/generate", caller, "{}"), 201);
    String message =
        Base64.getEncoder()
            .encodeToString("metered".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String hash = Base64.getEncoder().encodeToString(new byte[32]);
    String signature = null;
    for (int i = 0; i < 3; i++) {
      RawHttp.Reply signed =
          app.http.send(
              "POST",
              "/api/v1/signature/sign",
              caller,
              "{\"message\":\"" + message + "\",\"key_version\":1}");
      ok(signed, 200);
      signature = (String) signed.data().get("signature");
    }
    ok(
        app.http.send(
            "POST",
            "/api/v1/signature/sign-hash",
            caller,
            "{\"hash\":\"" + hash + "\",\"hash_algorithm\":\"SHA-256\",\"key_version\":1}"),
        200);
    ok(
        app.http.send(
            "POST",
            "/api/v1/signature/verify",
            caller,
            "{\"message\":\""
                + message
                + "\",\"signature\":\""
                + signature
                + "\",\"key_version\":1}"),
        200);
    ok(app.http.send("GET", "/no/such/route/" + tenantId, Map.of(), (String) null), 404);

    var free =
        app.http.send(
            "POST",
            "/admin/v1/tenants",
            SignetApp.AS_ADMIN_JSON,
            "{\"name\":\"metered-free\",\"plan\":\"free\"}");
    String freeKey =
        (String)
            app.http
                .send(
                    "POST",
                    "/admin/v1/tenants/" + free.data().get("tenant_id") + "/api-keys",
                    SignetApp.AS_ADMIN_JSON,
                    "{\"scopes\":[\"sign\"]}")
                .data()
                .get("api_key");
    int rejected = 0;
    for (int i = 0; i < 40 && rejected == 0; i++) {
      if (app.http.send("GET", "/api/v1/me", Map.of("X-API-Key", freeKey), (String) null).status()
          == 429) rejected++;
    }
    assertThat(rejected).as("the free plan's budget of 5/s ran out").isEqualTo(1);
    long deadline = System.nanoTime() + 20_000_000_000L;
    do {
      scrape = app.http.send("GET", "/metrics", Map.of(), (String) null).body();
      // Gauges live in the JVM's global registry: until this context's first refresh, a check
      // still shows what an earlier test's context (ReadinessIT takes the database DOWN) left.
      if (scrape.contains("signet_readiness{") && !READINESS_DOWN.matcher(scrape).find()) break;
      Thread.sleep(200);
    } while (System.nanoTime() < deadline);
  }

  private static void ok(RawHttp.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
  }

  @Test
  void servesThePrometheusTextFormat() {
    var reply = app.http.send("GET", "/metrics", Map.of(), (String) null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("text/plain");
    assertThat(reply.body()).contains("# TYPE signet_http_server_requests_seconds histogram");
  }

  @Test
  void everySignetMetricHasAHelpText() {
    var helps = scrape.lines().filter(l -> l.startsWith("# HELP signet_")).toList();
    assertThat(helps).isNotEmpty();
    for (String help : helps) {
      String[] parts = help.split(" ", 4);
      assertThat(parts.length == 4 && !parts[3].isBlank()).as(help).isTrue();
    }
  }

  @Test
  void labelsRequestsByRouteTemplateStatusAndPlan() {
    assertThat(scrape)
        .containsPattern(
            "signet_http_server_requests_seconds_count\\{method=\"POST\",plan=\"standard\","
                + "route=\"/api/v1/signature/sign\",status=\"200\"} 3")
        .containsPattern(
            "signet_http_server_requests_seconds_bucket\\{method=\"POST\",plan=\"none\","
                + "route=\"/admin/v1/tenants/\\{tenantId}/api-keys\",status=\"201\",le=\"[^\"]+\"}")
        .contains("route=\"UNMATCHED\",status=\"404\"")
        .doesNotContain(tenantId);
  }

  @Test
  void countsSignaturesHsmCallsCacheCommitsRejectionsAndReadiness() {
    assertThat(scrape)
        .containsPattern(
            "signet_signatures_total\\{algorithm=\"Dilithium3\",operation=\"sign\",result=\"signed\"} 3")
        .containsPattern(
            "signet_signatures_total\\{algorithm=\"Dilithium3\",operation=\"sign-hash\",result=\"signed\"} 1")
        .containsPattern(
            "signet_signatures_total\\{algorithm=\"Dilithium3\",operation=\"verify\",result=\"valid\"} 1")
        .containsPattern(
            "signet_hsm_calls_seconds_bucket\\{operation=\"sign\",outcome=\"ok\",le=\"[^\"]+\"}")
        .containsPattern(
            "signet_hsm_calls_seconds_count\\{operation=\"generate\",outcome=\"ok\"} [1-9]")
        .containsPattern("signet_key_cache_requests_total\\{result=\"hit\"} [1-9]")
        .containsPattern("signet_key_cache_requests_total\\{result=\"miss\"} [1-9]")
        .containsPattern("signet_signing_log_batch_size_count [1-9]")
        .containsPattern("signet_signing_log_commit_seconds_bucket\\{le=\"[^\"]+\"}")
        .containsPattern("signet_rate_limit_rejections_total\\{plan=\"free\"} 1")
        .containsPattern("signet_readiness\\{check=\"hsm\"} 1")
        .containsPattern("signet_readiness\\{check=\"[a-z-]*(db|database|postgres)[a-z-]*\"} 1");
  }

  @Test
  void dashboardUsesOnlyMetricsAndLabelsThatExist() throws Exception {
    JsonNode dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
    List<String> expressions = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> expressions.add(e.asText()));
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(10);
    Set<String> referenced = new HashSet<>();
    for (String expr : expressions) {
      Matcher metric = METRIC.matcher(expr);
      List<String> inExpr = new ArrayList<>();
      while (metric.find()) inExpr.add(metric.group());
      assertThat(inExpr).as(expr).isNotEmpty();
      referenced.addAll(inExpr);
      List<String> labels = new ArrayList<>();
      Matcher by = BY.matcher(expr);
      while (by.find()) {
        LABEL_LIST.splitAsStream(by.group(1)).map(String::strip).forEach(labels::add);
      }
      Matcher selector = SELECTOR_LABEL.matcher(expr);
      while (selector.find()) labels.add(selector.group(1));
      for (String name : inExpr) {
        List<String> samples =
            scrape
                .lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .toList();
        assertThat(samples).as("samples of %s (in %s)", name, expr).isNotEmpty();
        for (String label : labels) {
          if (label.equals("le") || label.equals("instance")) continue;
          assertThat(samples)
              .as("label %s of %s (in %s)", label, name, expr)
              .anyMatch(s -> s.contains(label + "=\""));
        }
      }
    }
    assertThat(referenced)
        .contains(
            "signet_http_server_requests_seconds_count",
            "signet_signatures_total",
            "signet_hsm_calls_seconds_bucket",
            "signet_key_cache_requests_total",
            "signet_signing_log_batch_size_sum",
            "signet_signing_log_commit_seconds_bucket",
            "signet_rate_limit_rejections_total",
            "signet_readiness");
  }
}
