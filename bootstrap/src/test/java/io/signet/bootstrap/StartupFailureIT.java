package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.adapter.pkcs11.SoftHsmTestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A misconfigured Signet refuses to start with one clear line on stderr and exit code 1: a wrong
 * PIN, a missing PKCS#11 library, an unknown token, an unreachable database, no admin token, no
 * database at all (never a silent embedded one), or two databases.
 */
class StartupFailureIT {
  @TempDir Path dir;

  private Map<String, String> goodEnvironment() {
    var db = PostgresTestDatabase.container();
    SoftHsmTestToken token = SoftHsmTestToken.get();
    Map<String, String> env = new HashMap<>();
    env.put("DATASOURCES_DEFAULT_URL", db.getJdbcUrl());
    env.put("DATASOURCES_DEFAULT_USERNAME", db.getUsername());
    env.put("DATASOURCES_DEFAULT_PASSWORD", db.getPassword());
    env.put("SIGNET_PKCS11_LIBRARY", SoftHsmTestToken.LIBRARY);
    env.put("SIGNET_PKCS11_TOKEN_LABEL", token.label());
    env.put("SIGNET_PKCS11_PIN", token.pin());
    env.put("SIGNET_ADMIN_TOKEN", SignetApp.ADMIN_TOKEN);
    env.put("MICRONAUT_SERVER_PORT", "0");
    return env;
  }

  private List<String> failToStart(Map<String, String> env) throws Exception {
    Path log = dir.resolve("signet.log");
    Process process =
        Processes.start(log, env, Processes.JAVA.toString(), "-jar", Processes.JAR.toString());
    int exit = Processes.awaitExit(process, 90);
    List<String> lines = Files.readAllLines(log);
    assertThat(exit).as(String.join("\n", lines)).isEqualTo(1);
    assertThat(lines)
        .as("no stack trace")
        .noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception in thread"));
    List<String> reasons =
        lines.stream().filter(l -> l.startsWith("signet: cannot start: ")).toList();
    assertThat(reasons).as(String.join("\n", lines)).hasSize(1);
    return reasons;
  }

  @Test
  void refusesAWrongPin() throws Exception {
    Map<String, String> env = goodEnvironment();
    env.put("SIGNET_PKCS11_PIN", "wrong-pin-123");
    assertThat(failToStart(env).getFirst())
        .contains("token login failed")
        .contains("CKR_PIN_INCORRECT")
        .doesNotContain("wrong-pin-123")
        .doesNotContain(SoftHsmTestToken.get().pin());
  }

  @Test
  void refusesAMissingLibrary() throws Exception {
    Map<String, String> env = goodEnvironment();
    env.put("SIGNET_PKCS11_LIBRARY", "/opt/nowhere/libpkcs11.so");
    assertThat(failToStart(env).getFirst())
        .contains("/opt/nowhere/libpkcs11.so")
        .contains("SIGNET_PKCS11_LIBRARY");
  }

  @Test
  void refusesAnUnknownTokenLabel() throws Exception {
    Map<String, String> env = goodEnvironment();
    env.put("SIGNET_PKCS11_TOKEN_LABEL", "absent-token");
    assertThat(failToStart(env).getFirst()).contains("no token labelled 'absent-token'");
  }

  @Test
  void refusesAnUnreachableDatabase() throws Exception {
    Map<String, String> env = goodEnvironment();
    env.put(
        "DATASOURCES_DEFAULT_URL",
        "jdbc:postgresql://127.0.0.1:" + Processes.freePort() + "/signet");
    assertThat(failToStart(env).getFirst()).contains("database is unreachable");
  }

  @Test
  void refusesToRunWithoutAnAdminToken() throws Exception {
    Map<String, String> env = goodEnvironment();
    env.remove("SIGNET_ADMIN_TOKEN");
    assertThat(failToStart(env).getFirst()).contains("SIGNET_ADMIN_TOKEN");
  }

  @Test
  void refusesToStartWithoutADatabaseRatherThanStartingAnEmbeddedOne() throws Exception {
    Map<String, String> env = goodEnvironment();
    env.remove("DATASOURCES_DEFAULT_URL");
    assertThat(failToStart(env).getFirst())
        .contains("no database configured")
        .contains("SIGNET_EMBEDDED_DATABASE=true");
  }

  @Test
  void refusesAConfiguredDatabaseTogetherWithTheEmbeddedOne() throws Exception {
    Map<String, String> env = goodEnvironment();
    env.put("SIGNET_EMBEDDED_DATABASE", "true");
    assertThat(failToStart(env).getFirst()).contains("choose one database");
  }
}
