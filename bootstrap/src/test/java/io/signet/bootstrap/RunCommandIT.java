package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.rest.RawHttp;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, as written: zero configuration (embedded PostgreSQL and a SoftHSM2
 * token under the var directory), then a stop and a second start that keeps tenants and keys.
 */
class RunCommandIT {
  @TempDir Path var;

  @Test
  void startsWithZeroConfigurationAndKeepsDataAcrossRestarts() throws Exception {
    int port = Processes.freePort();
    Map<String, String> env =
        Map.of(
            "SIGNET_VAR_DIR",
            var.toString(),
            "MICRONAUT_SERVER_PORT",
            Integer.toString(port),
            "SIGNET_SKIP_BUILD",
            "1");
    Path script = Path.of("..", "scripts", "run").toAbsolutePath().normalize();
    RawHttp http = new RawHttp(URI.create("http://localhost:" + port));

    // The first start under a careless umask: what it writes under var/ must still be private.
    Process first =
        Processes.start(
            var.resolveSibling(var.getFileName() + "-1.log"),
            env,
            "sh",
            "-c",
            "umask 000 && exec \"$0\"",
            script.toString());
    String apiKey;
    try {
      awaitReady(http, first);
      String adminToken = Files.readString(var.resolve("admin-token")).strip();
      Map<String, String> admin =
          Map.of("Authorization", "Bearer " + adminToken, "Content-Type", "application/json");
      var tenant = http.send("POST", "/admin/v1/tenants", admin, "{\"name\":\"persisted\"}");
      assertThat(tenant.status()).isEqualTo(201);
      var key =
          http.send(
              "POST",
              "/admin/v1/tenants/" + tenant.data().get("tenant_id") + "/api-keys",
              admin,
              "{\"scopes\":[\"sign\"]}");
      assertThat(key.status()).isEqualTo(201);
      apiKey = (String) key.data().get("api_key");
      assertThat(
              http.send("GET", "/api/v1/me", Map.of("X-API-Key", apiKey), (String) null).status())
          .isEqualTo(200);
      // Wallet login needs web3j at run time: the packaged jar must carry what the tests have.
      TestWallet wallet = new TestWallet();
      String message = wallet.relationMessage(System.currentTimeMillis());
      var login =
          http.send(
              "POST",
              "/auth",
              Map.of("Content-Type", "application/json"),
              wallet.body(message, wallet.sign(message)));
      assertThat(login.status()).as("wallet login through the packaged jar").isEqualTo(200);
      assertThat(login.body()).contains("\"code\":\"success\"", "\"token\":\"ey");
    } finally {
      first.destroy();
    }
    assertThat(Processes.awaitExit(first, 60)).as("stops cleanly on SIGTERM").isIn(0, 143);
    try (var written = Files.walk(var)) {
      assertThat(written.filter(p -> !Files.isSymbolicLink(p)))
          .as("nothing under var/ is writable by the group or others, whatever the caller's umask")
          .allSatisfy(
              p ->
                  assertThat(Files.getPosixFilePermissions(p))
                      .as(p.toString())
                      .doesNotContain(
                          java.nio.file.attribute.PosixFilePermission.GROUP_WRITE,
                          java.nio.file.attribute.PosixFilePermission.OTHERS_WRITE));
    }

    Process second =
        Processes.start(var.resolveSibling(var.getFileName() + "-2.log"), env, script.toString());
    try {
      awaitReady(http, second);
      var me = http.send("GET", "/api/v1/me", Map.of("X-API-Key", apiKey), (String) null);
      assertThat(me.status()).isEqualTo(200);
    } finally {
      second.destroy();
      Processes.awaitExit(second, 60);
    }
  }

  private static void awaitReady(RawHttp http, Process process) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) throw new AssertionError("signet exited with " + process.exitValue());
      try {
        if (http.send("GET", "/health/readiness", Map.of(), (String) null).status() == 200) return;
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("signet did not become ready in 120 s");
  }
}
