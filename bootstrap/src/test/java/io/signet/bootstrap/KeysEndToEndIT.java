package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.rest.RawHttp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Key lifecycle through HTTP on PostgreSQL and SoftHSM2, with two instances on one database. */
class KeysEndToEndIT {
  private static SignetApp first;
  private static SignetApp second;

  @BeforeAll
  static void start() {
    first = SignetApp.start();
    second = SignetApp.start();
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  private static Map<String, String> json(String apiKey) {
    return Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
  }

  @Test
  @SuppressWarnings("unchecked")
  void twentyConcurrentRotationsGiveGaplessVersionsAndNeverTwoActive() throws Exception {
    String apiKey = first.tenantWithKey("rotations", "keys:manage", "keys:read")[1];
    assertThat(first.http.send("GET", "/api/v1/kms/keys", json(apiKey), (String) null).body())
        .as("no keys yet: an empty list, not an empty object (application.yml's serde inclusion)")
        .contains("\"data\":{\"keys\":[]}");
    assertThat(first.http.send("POST", "/api/v1/kms/keys/generate", json(apiKey), "{}").status())
        .isEqualTo(201);

    AtomicBoolean rotating = new AtomicBoolean(true);
    AtomicInteger observations = new AtomicInteger();
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    Thread observer =
        Thread.ofVirtual()
            .start(
                () -> {
                  while (rotating.get()) {
                    var list =
                        second.http.send(
                            "GET", "/api/v1/kms/keys?status=active", json(apiKey), (String) null);
                    int active = ((List<?>) list.data().get("keys")).size();
                    observations.incrementAndGet();
                    if (active != 1) violations.add("saw " + active + " active versions");
                  }
                });

    List<RawHttp.Reply> replies =
        AtOnce.run(
            20,
            i ->
                (i % 2 == 0 ? first : second)
                    .http.send("POST", "/api/v1/kms/keys/rotate", json(apiKey), "{}"));
    int won = 0;
    int conflicts = 0;
    for (RawHttp.Reply reply : replies) {
      if (reply.status() == 200) won++;
      else if (reply.status() == 409 && "ERR_CONFLICT_001".equals(reply.errorCode())) conflicts++;
      else violations.add("rotate answered " + reply.status() + " " + reply.body());
    }
    rotating.set(false);
    observer.join();

    assertThat(violations).isEmpty();
    assertThat(won + conflicts).isEqualTo(20);
    assertThat(won).isPositive();
    assertThat(observations.get()).isPositive();
    var all = first.http.send("GET", "/api/v1/kms/keys", json(apiKey), (String) null);
    List<Map<String, Object>> keys = (List<Map<String, Object>>) all.data().get("keys");
    assertThat(keys)
        .extracting(k -> k.get("key_version"))
        .containsExactlyElementsOf(
            java.util.stream.IntStream.rangeClosed(1, 1 + won).boxed().toList());
    assertThat(keys).filteredOn(k -> "active".equals(k.get("status"))).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anotherInstanceSeesARotationAtOnce() {
    String apiKey = first.tenantWithKey("instances", "keys:manage", "keys:read")[1];
    first.http.send(
        "POST", "/api/v1/kms/keys/generate", json(apiKey), "{\"algorithm\":\"Composite-ML-DSA\"}");
    for (int round = 0; round < 4; round++) {
      SignetApp writer = round % 2 == 0 ? first : second;
      SignetApp reader = round % 2 == 0 ? second : first;
      var rotated =
          writer.http.send(
              "POST",
              "/api/v1/kms/keys/rotate",
              json(apiKey),
              "{\"algorithm\":\"Composite-ML-DSA\"}");
      assertThat(rotated.status()).isEqualTo(200);
      Object version = ((Map<String, Object>) rotated.data().get("active")).get("key_version");
      long start = System.nanoTime();
      var seen =
          reader.http.send(
              "GET",
              "/api/v1/kms/keys/active?algorithm=Composite-ML-DSA",
              json(apiKey),
              (String) null);
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(seen.data()).containsEntry("key_version", version);
      assertThat(millis)
          .as("milliseconds until the other instance answers with it")
          .isLessThan(1000);
    }
  }

  @Test
  void everyLifecycleChangeIsAudited() {
    String[] tenantAndKey = first.tenantWithKey("audit-keys", "keys:manage");
    String apiKey = tenantAndKey[1];
    first.http.send("POST", "/api/v1/kms/keys/generate", json(apiKey), "{}");
    first.http.send("POST", "/api/v1/kms/keys/rotate", json(apiKey), "{}");
    first.http.send("POST", "/api/v1/kms/keys/archive", json(apiKey), "{\"key_version\":1}");
    first.http.send(
        "POST",
        "/admin/v1/tenants/" + tenantAndKey[0] + "/keys/retire",
        SignetApp.AS_ADMIN_JSON,
        "{\"key_version\":2}");
    var audit =
        first.http.send(
            "GET",
            "/admin/v1/audit?tenant_id=" + tenantAndKey[0],
            SignetApp.AS_ADMIN_JSON,
            (String) null);
    assertThat(audit.body())
        .contains("key.generated", "key.rotated", "key.archived", "key.retired");
    assertThat(audit.body()).contains("\"actor\":\"operator\"").contains("\"actor\":\"api-key:");
  }
}
