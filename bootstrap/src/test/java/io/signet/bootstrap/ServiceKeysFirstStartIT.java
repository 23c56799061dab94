package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.adapter.pkcs11.SoftHsmTestToken;
import io.signet.adapter.rest.RawHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances started at the same moment on a new token and a new database end with exactly one
 * service key per purpose and algorithm: one row each in the database, one private key object each
 * on the token, and both instances serve the same keys. Each instance is a process (its own
 * application context): SoftHSM reads its token directory once per process, so a new token can only
 * be seen by a new process.
 */
class ServiceKeysFirstStartIT {
  @TempDir Path dir;

  @Test
  void twoFirstStartsMakeEachServiceKeyOnce() throws Exception {
    String suffix = HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(4));
    Path conf = newToken("fresh-" + suffix, "pin-" + suffix);
    var db = PostgresTestDatabase.container();
    String url = PostgresTestDatabase.createDatabase("fresh_");

    List<Process> processes = new ArrayList<>();
    List<Integer> ports = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        int port = Processes.freePort();
        ports.add(port);
        Map<String, String> env = new HashMap<>();
        env.put("SOFTHSM2_CONF", conf.toString());
        env.put("DATASOURCES_DEFAULT_URL", url);
        env.put("DATASOURCES_DEFAULT_USERNAME", db.getUsername());
        env.put("DATASOURCES_DEFAULT_PASSWORD", db.getPassword());
        env.put("SIGNET_PKCS11_LIBRARY", SoftHsmTestToken.LIBRARY);
        env.put("SIGNET_PKCS11_TOKEN_LABEL", "fresh-" + suffix);
        env.put("SIGNET_PKCS11_PIN", "pin-" + suffix);
        env.put("SIGNET_ADMIN_TOKEN", SignetApp.ADMIN_TOKEN);
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        processes.add(
            Processes.start(
                dir.resolve("instance-" + i + ".log"),
                env,
                Processes.JAVA.toString(),
                "-jar",
                Processes.JAR.toString()));
      }
      List<String> lists = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        RawHttp http = new RawHttp(URI.create("http://127.0.0.1:" + ports.get(i)));
        awaitReady(http, processes.get(i), dir.resolve("instance-" + i + ".log"));
        var list = http.send("GET", "/admin/v1/service-keys", SignetApp.AS_ADMIN_JSON, "");
        assertThat(list.status()).isEqualTo(200);
        lists.add(String.valueOf(list.data().get("keys")));
      }
      assertThat(lists.get(0)).isEqualTo(lists.get(1));

      try (Connection c = PostgresTestDatabase.connect(url);
          Statement s = c.createStatement();
          ResultSet rows =
              s.executeQuery(
                  "SELECT purpose || '/' || algorithm || '/' || version || '/' || status"
                      + " FROM service_key ORDER BY 1")) {
        List<String> keys = new ArrayList<>();
        while (rows.next()) keys.add(rows.getString(1));
        assertThat(keys)
            .containsExactly(
                "attestation/ES256/1/current",
                "jwt/ES256/1/current",
                "receipts/ecdsa-p256/1/current",
                "receipts/ecdsa/1/current",
                "receipts/ml-dsa/1/current",
                "receipts/rsa/1/current");
      }
      assertThat(keyLabels(conf, "fresh-" + suffix, "pin-" + suffix, "privkey"))
          .containsExactlyInAnyOrder(
              "signet-service.attestation.ES256.v1",
              "signet-service.jwt.ES256.v1",
              "signet-service.receipts.ecdsa.v1",
              "signet-service.receipts.ecdsa-p256.v1",
              "signet-service.receipts.rsa.v1");
      assertThat(keyLabels(conf, "fresh-" + suffix, "pin-" + suffix, "secrkey"))
          .as("the ML-DSA receipt key's own key-encryption key, once")
          .containsExactly("signet-service.receipts.ml-dsa.v1");
      for (int i = 0; i < 2; i++) {
        var receiptsKeyWorks =
            new RawHttp(URI.create("http://127.0.0.1:" + ports.get(i)))
                .send(
                    "POST",
                    "/admin/v1/service-keys/receipts/rotate",
                    SignetApp.AS_ADMIN_JSON,
                    "{\"signing_algo\":\"ml-dsa\"}");
        assertThat(receiptsKeyWorks.status()).as(receiptsKeyWorks.body()).isEqualTo(200);
      }
    } finally {
      for (Process p : processes) p.destroy();
      for (Process p : processes) Processes.awaitExit(p, 60);
    }
  }

  private static void awaitReady(RawHttp http, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("instance exited:\n" + Files.readString(log));
      }
      try {
        if (http.send("GET", "/health/readiness", Map.of(), "").status() == 200) return;
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("instance not ready in time:\n" + Files.readString(log));
  }

  private Path newToken(String label, String pin) throws Exception {
    Path conf = dir.resolve("softhsm2.conf");
    SoftHsmTestToken.initialize(conf, label, pin);
    return conf;
  }

  private static List<String> keyLabels(Path conf, String label, String pin, String type)
      throws Exception {
    String out =
        run(
            conf,
            "pkcs11-tool",
            "--module",
            SoftHsmTestToken.LIBRARY,
            "--token-label",
            label,
            "--login",
            "--pin",
            pin,
            "--list-objects",
            "--type",
            type);
    return out.lines()
        .map(String::strip)
        .filter(l -> l.startsWith("label:"))
        .map(l -> l.substring("label:".length()).strip())
        .filter(l -> l.startsWith("signet-service."))
        .toList();
  }

  private static String run(Path conf, String... command) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SOFTHSM2_CONF", conf.toString());
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(command[0] + " failed: " + output);
    }
    return output;
  }
}
