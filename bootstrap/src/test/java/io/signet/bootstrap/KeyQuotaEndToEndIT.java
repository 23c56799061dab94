package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.adapter.rest.RawHttp;
import io.signet.application.RotateKey;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Transactions;
import io.signet.domain.SignetException;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A tenant's key quotas (DESIGN §8) through HTTP, on PostgreSQL and SoftHSM2, with two instances on
 * one database and small quotas: 3 live versions, 5 creations a day.
 */
class KeyQuotaEndToEndIT {
  private static final Map<String, Object> QUOTAS =
      Map.of("signet.quota.live-versions", 3, "signet.quota.rotations-per-day", 5);
  private static final String KEY = "{\"algorithm\":\"ECDSA-P256\"}";
  private static SignetApp first;
  private static SignetApp second;

  @BeforeAll
  static void start() {
    first = SignetApp.start(QUOTAS);
    second = SignetApp.start(QUOTAS);
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  private static Map<String, String> json(String apiKey) {
    return Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
  }

  private static RawHttp.Reply post(String path, String apiKey, String body) {
    return first.http.send("POST", path, json(apiKey), body);
  }

  private static void expect(RawHttp.Reply reply, int status) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(status);
  }

  /** What a refused creation must leave as it was: versions, audit, token objects. */
  private record State(String versions, int auditEvents, int tokenObjects) {}

  @SuppressWarnings("unchecked")
  private static State state(String tenantId, String apiKey) throws Exception {
    String versions =
        first.http.send("GET", "/api/v1/kms/keys", json(apiKey), (String) null).data().toString();
    var audit =
        first.http.send(
            "GET",
            "/admin/v1/audit?tenant_id=" + tenantId + "&limit=1000",
            SignetApp.AS_ADMIN_JSON,
            (String) null);
    int events = ((List<Object>) audit.data().get("events")).size();
    return new State(versions, events, TokenObjectCount.count());
  }

  /** The error envelope, exactly: {"error":{"error_code","message"},"request_id","timestamp"}. */
  @SuppressWarnings("unchecked")
  private static String refusal(RawHttp.Reply reply, int status, String code) {
    expect(reply, status);
    Map<String, Object> body = reply.json();
    assertThat(body).containsOnlyKeys("error", "request_id", "timestamp");
    assertThat((String) body.get("request_id")).matches("[0-9a-f-]{36}");
    assertThat((String) body.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT.*\\.\\d{3}Z");
    Map<String, Object> error = (Map<String, Object>) body.get("error");
    assertThat(error).containsOnlyKeys("error_code", "message");
    assertThat(error).containsEntry("error_code", code);
    return (String) error.get("message");
  }

  @Test
  void refusesOverTheLiveVersionsWith409AndOverTheDailyCreationsWith429ChangingNothing()
      throws Exception {
    String[] tenantAndKey = first.tenantWithKey("quota", "keys:manage", "keys:read");
    String tenantId = tenantAndKey[0];
    String apiKey = tenantAndKey[1];
    String admin = "/admin/v1/tenants/" + tenantId + "/keys/";
    expect(post("/api/v1/kms/keys/generate", apiKey, KEY), 201); // creation 1, live 1
    expect(post("/api/v1/kms/keys/rotate", apiKey, KEY), 200); // 2, live 2
    expect(post("/api/v1/kms/keys/rotate", apiKey, KEY), 200); // 3, live 3

    State full = state(tenantId, apiKey);
    String message = refusal(post("/api/v1/kms/keys/rotate", apiKey, KEY), 409, "ERR_CONFLICT_001");
    assertThat(message).contains("at most 3").contains("archive");
    refusal(
        first.http.send("POST", admin + "rotate", SignetApp.AS_ADMIN_JSON, KEY),
        409,
        "ERR_CONFLICT_001");
    refusal(
        post("/api/v1/kms/keys/generate", apiKey, "{\"algorithm\":\"ECDSA-secp256k1\"}"),
        409,
        "ERR_CONFLICT_001");
    assertThat(state(tenantId, apiKey)).as("after the 409s").isEqualTo(full);

    expect(
        post(
            "/api/v1/kms/keys/archive", apiKey, "{\"algorithm\":\"ECDSA-P256\",\"key_version\":1}"),
        200);
    expect(post("/api/v1/kms/keys/rotate", apiKey, KEY), 200); // 4, live 3
    expect(
        post(
            "/api/v1/kms/keys/archive", apiKey, "{\"algorithm\":\"ECDSA-P256\",\"key_version\":2}"),
        200);
    expect(first.http.send("POST", admin + "rotate", SignetApp.AS_ADMIN_JSON, KEY), 200); // 5
    expect(
        post(
            "/api/v1/kms/keys/archive", apiKey, "{\"algorithm\":\"ECDSA-P256\",\"key_version\":3}"),
        200);

    State spent = state(tenantId, apiKey);
    RawHttp.Reply limited = second.http.send("POST", "/api/v1/kms/keys/rotate", json(apiKey), KEY);
    assertThat(refusal(limited, 429, "ERR_RATE_LIMIT_001")).contains("at most 5");
    long retryAfter = Long.parseLong(limited.header("Retry-After"));
    assertThat(retryAfter)
        .as("seconds until the first creation, a few seconds ago, leaves the 24 hours")
        .isBetween(24 * 3600L - 600, 24 * 3600L);
    assertThat(limited.header("X-RateLimit-Limit")).as("the quota that refused").isEqualTo("5");
    assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
    assertThat(limited.header("X-RateLimit-Reset")).isEqualTo(limited.header("Retry-After"));
    assertThat(state(tenantId, apiKey)).as("after the 429").isEqualTo(spent);
    RawHttp.Reply byOperator =
        second.http.send(
            "POST",
            admin + "generate",
            SignetApp.AS_ADMIN_JSON,
            "{\"algorithm\":\"ECDSA-secp256k1\"}");
    assertThat(byOperator.status())
        .as("the operator is held to the live versions only: " + byOperator.body())
        .isEqualTo(201);
  }

  /**
   * A rotation on the first instance loses a race with a retire on the second: the HSM generated a
   * key, the retire committed before the rotation's activation, so the key is destroyed and the
   * claim released. That generation counts toward the day all the same: with 5 a day, the
   * generation, the lost rotation and three more creations spend it, and a sixth is 429.
   */
  @Test
  void aRotationThatLostARaceWithARetireCountsTowardTheDay() throws Exception {
    String[] tenantAndKey = first.tenantWithKey("quota-lost-race", "keys:manage", "keys:read");
    TenantId tenant = new TenantId(UUID.fromString(tenantAndKey[0]));
    String apiKey = tenantAndKey[1];
    expect(post("/api/v1/kms/keys/generate", apiKey, KEY), 201); // creation 1
    Transactions retiredMeanwhile =
        new Transactions() {
          private final AtomicBoolean retireFirst = new AtomicBoolean(true);

          @Override
          public <T> T inTransaction(Supplier<T> work) {
            if (retireFirst.getAndSet(false)) {
              expect(
                  second.http.send(
                      "POST",
                      "/api/v1/kms/keys/retire",
                      json(apiKey),
                      "{\"algorithm\":\"ECDSA-P256\",\"key_version\":1}"),
                  200);
            }
            return first.bean(Transactions.class).inTransaction(work);
          }
        };
    RotateKey racing = first.useCasesWith(retiredMeanwhile, first.bean(Clock.class)).rotateKey();
    Invocation byTheTenant =
        new Invocation(
            Actor.apiKey(new ApiKeyId(UUID.randomUUID())), RequestId.next(Clock.systemUTC()));
    int objects = TokenObjectCount.count();

    assertThatThrownBy(() -> racing.rotate(tenant, Algorithm.ECDSA_P256, byTheTenant)) // 2
        .isInstanceOf(SignetException.Conflict.class)
        .hasMessageContaining("no longer active");
    assertThat(TokenObjectCount.count())
        .as("the lost rotation's key is destroyed")
        .isEqualTo(objects);
    assertThat(
            first.bean(KeyVersions.class).ownership(new KeyName(tenant, Algorithm.ECDSA_P256, 2)))
        .isEqualTo(KeyVersions.Ownership.UNOWNED);

    expect(post("/api/v1/kms/keys/generate", apiKey, KEY), 201); // 3: version 2
    expect(post("/api/v1/kms/keys/rotate", apiKey, KEY), 200); // 4: version 3
    expect(
        post(
            "/api/v1/kms/keys/archive", apiKey, "{\"algorithm\":\"ECDSA-P256\",\"key_version\":1}"),
        200);
    expect(post("/api/v1/kms/keys/rotate", apiKey, KEY), 200); // 5: version 4
    expect(
        post(
            "/api/v1/kms/keys/archive", apiKey, "{\"algorithm\":\"ECDSA-P256\",\"key_version\":2}"),
        200);

    State spent = state(tenantAndKey[0], apiKey);
    RawHttp.Reply limited = second.http.send("POST", "/api/v1/kms/keys/rotate", json(apiKey), KEY);
    assertThat(refusal(limited, 429, "ERR_RATE_LIMIT_001")).contains("at most 5");
    assertThat(state(tenantAndKey[0], apiKey)).as("after the 429").isEqualTo(spent);
  }

  @Test
  @SuppressWarnings("unchecked")
  void ofConcurrentRotationsOnTwoInstancesAtTheLimitOneWins() throws Exception {
    String apiKey = first.tenantWithKey("quota-race", "keys:manage", "keys:read")[1];
    expect(post("/api/v1/kms/keys/generate", apiKey, KEY), 201);
    expect(post("/api/v1/kms/keys/rotate", apiKey, KEY), 200); // live 2: room for one

    List<RawHttp.Reply> replies =
        AtOnce.run(
            6,
            i ->
                (i % 2 == 0 ? first : second)
                    .http.send("POST", "/api/v1/kms/keys/rotate", json(apiKey), KEY));
    int won = 0;
    List<String> others = new ArrayList<>();
    for (RawHttp.Reply reply : replies) {
      if (reply.status() == 200) won++;
      else if (reply.status() != 409) others.add(reply.status() + " " + reply.body());
    }

    assertThat(others).as("answers other than 200 and 409").isEmpty();
    assertThat(won).as("rotations that fit the quota").isEqualTo(1);
    var keys =
        (List<Map<String, Object>>)
            first
                .http
                .send("GET", "/api/v1/kms/keys", json(apiKey), (String) null)
                .data()
                .get("keys");
    assertThat(keys).hasSize(3);
  }
}
