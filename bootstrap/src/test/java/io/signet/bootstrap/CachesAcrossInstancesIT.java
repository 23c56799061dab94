package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.CacheInvalidation;
import io.signet.adapter.persistence.PostgresTestDatabase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Two instances on one database, their caches of API keys and key versions warm: what one instance
 * changes, the other stops honouring within one second of the change's response. The caches' time
 * to live is an hour here, so only the notifications (and the clearing after a reconnection) can
 * make these tests pass.
 */
class CachesAcrossInstancesIT {
  private static final Map<String, Object> LONG_LIVED_CACHES = Map.of("signet.cache.ttl", "1h");
  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final String MESSAGE =
      Base64.getEncoder().encodeToString("cached".getBytes(StandardCharsets.UTF_8));
  private static SignetApp a;
  private static SignetApp b;

  @BeforeAll
  static void start() {
    a = SignetApp.start(LONG_LIVED_CACHES);
    b = SignetApp.start(LONG_LIVED_CACHES);
    awaitListening(a);
    awaitListening(b);
  }

  @AfterAll
  static void stop() {
    b.close();
    a.close();
  }

  private static void awaitListening(SignetApp app) {
    CacheInvalidation listener = app.bean(CacheInvalidation.class);
    Instant deadline = Instant.now().plusSeconds(30);
    while (!listener.listening() && Instant.now().isBefore(deadline)) Thread.onSpinWait();
    assertThat(listener.listening()).as("the instance listens for changes").isTrue();
  }

  private static Map<String, String> as(String apiKey) {
    return Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
  }

  private static int me(SignetApp app, String apiKey) {
    return app.http.send("GET", "/api/v1/me", as(apiKey), (String) null).status();
  }

  private static int sign(SignetApp app, String apiKey, int version) {
    return app.http
        .send(
            "POST",
            "/api/v1/signature/sign",
            as(apiKey),
            "{\"message\":\"" + MESSAGE + "\",\"key_version\":" + version + "}")
        .status();
  }

  private static int verify(SignetApp app, String apiKey, int version, String signature) {
    return app.http
        .send(
            "POST",
            "/api/v1/signature/verify",
            as(apiKey),
            "{\"message\":\""
                + MESSAGE
                + "\",\"signature\":\""
                + signature
                + "\",\"key_version\":"
                + version
                + "}")
        .status();
  }

  /** Retires or archives a Dilithium3 version on {@code app}; the answer's status. */
  private static int lifecycle(SignetApp app, String apiKey, String verb, int version) {
    return app.http
        .send(
            "POST",
            "/api/v1/kms/keys/" + verb,
            as(apiKey),
            "{\"algorithm\":\"Dilithium3\",\"key_version\":" + version + "}")
        .status();
  }

  /**
   * Asks until the answer is {@code refused}, and fails unless it was by {@code bound} after {@code
   * since} (a request already under way at the deadline still counts).
   */
  private static void refusedWithin(
      Instant since, Duration bound, int refused, IntSupplier status, String what) {
    Instant deadline = since.plus(bound);
    int seen = status.getAsInt();
    while (seen != refused && Instant.now().isBefore(deadline)) seen = status.getAsInt();
    assertThat(seen).as(what + " within " + bound.toMillis() + " ms").isEqualTo(refused);
  }

  private static String keyId(String apiKey) {
    String hex = apiKey.substring(4, 36);
    return new UUID(Long.parseUnsignedLong(hex, 0, 16, 16), Long.parseUnsignedLong(hex, 16, 32, 16))
        .toString();
  }

  @Test
  void anApiKeyRevokedOnOneInstanceIsRefusedByTheOtherWithinASecond() {
    String apiKey = a.tenantWithKey("revoked", "sign")[1];
    assertThat(me(b, apiKey)).isEqualTo(200);
    assertThat(me(b, apiKey)).as("now from b's cache").isEqualTo(200);

    var revoked =
        a.http.send("DELETE", "/admin/v1/api-keys/" + keyId(apiKey), SignetApp.AS_ADMIN_JSON, "");
    Instant answered = Instant.now();
    assertThat(revoked.status()).isEqualTo(200);

    refusedWithin(answered, BOUND, 401, () -> me(b, apiKey), "b refuses the revoked key");
    assertThat(me(a, apiKey)).isEqualTo(401);
  }

  @Test
  void aVersionRetiredThenArchivedOnOneInstanceStopsOnTheOtherWithinASecond() {
    String apiKey = a.tenantWithKey("lifecycle", "keys:manage", "sign", "verify")[1];
    assertThat(a.http.send("POST", "/api/v1/kms/keys/generate", as(apiKey), "{}").status())
        .isEqualTo(201);
    var signed =
        b.http.send(
            "POST",
            "/api/v1/signature/sign",
            as(apiKey),
            "{\"message\":\"" + MESSAGE + "\",\"key_version\":1}");
    assertThat(signed.status()).isEqualTo(200);
    String signature = (String) signed.data().get("signature");
    assertThat(verify(b, apiKey, 1, signature)).isEqualTo(200);

    int retired = lifecycle(a, apiKey, "retire", 1);
    Instant retiredAt = Instant.now();
    assertThat(retired).isEqualTo(200);
    refusedWithin(retiredAt, BOUND, 404, () -> sign(b, apiKey, 1), "b stops signing with v1");
    assertThat(verify(b, apiKey, 1, signature)).as("a retired version verifies").isEqualTo(200);

    int archived = lifecycle(a, apiKey, "archive", 1);
    Instant archivedAt = Instant.now();
    assertThat(archived).isEqualTo(200);
    refusedWithin(
        archivedAt,
        BOUND,
        404,
        () -> verify(b, apiKey, 1, signature),
        "b stops verifying with the archived v1");
  }

  @Test
  void afterLosingItsDatabaseConnectionAnInstanceForgetsWhatItMayHaveMissed() throws Exception {
    PostgreSQLContainer db = PostgresTestDatabase.container();
    try (TcpProxy proxy = new TcpProxy(db.getHost(), db.getFirstMappedPort())) {
      String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + db.getDatabaseName();
      Map<String, Object> behindProxy = new java.util.HashMap<>(LONG_LIVED_CACHES);
      behindProxy.put("datasources.default.url", url);
      try (SignetApp c = SignetApp.start(behindProxy)) {
        awaitListening(c);
        CacheInvalidation listener = c.bean(CacheInvalidation.class);
        long connections = listener.connections();
        String apiKey = a.tenantWithKey("missed", "sign")[1];
        assertThat(me(c, apiKey)).isEqualTo(200);

        proxy.cut();
        Instant deadline = Instant.now().plusSeconds(10);
        while (listener.listening() && Instant.now().isBefore(deadline)) Thread.sleep(10);
        assertThat(listener.listening()).as("c noticed the loss").isFalse();
        // Revoked while c cannot hear it: only clearing on reconnection can make c refuse it.
        var revoked =
            a.http.send(
                "DELETE", "/admin/v1/api-keys/" + keyId(apiKey), SignetApp.AS_ADMIN_JSON, "");
        assertThat(revoked.status()).isEqualTo(200);

        proxy.restore();
        Instant restored = Instant.now();
        deadline = restored.plusSeconds(10);
        while (listener.connections() == connections && Instant.now().isBefore(deadline)) {
          Thread.sleep(10);
        }
        assertThat(listener.connections()).as("c listens again").isGreaterThan(connections);
        refusedWithin(
            restored,
            Duration.ofSeconds(10),
            401,
            () -> me(c, apiKey),
            "c refuses the key revoked while it was cut off");
      }
    }
  }
}
