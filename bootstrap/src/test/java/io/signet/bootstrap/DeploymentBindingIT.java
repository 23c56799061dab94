package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.adapter.pkcs11.SoftHsmTestToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DESIGN §8: a token belongs to one deployment. The jar started against an empty database and a
 * token that holds another deployment's keys refuses to start with one line, and destroys nothing
 * on the token (its objects counted before and after); so does a new token in front of a database
 * in use.
 */
class DeploymentBindingIT {
  @TempDir Path dir;

  @Test
  void anEmptyDatabaseInFrontOfAnotherDeploymentsTokenRefusesToStartAndDestroysNothing()
      throws Exception {
    try (SignetApp app = SignetApp.start()) {
      String apiKey = app.tenantWithKey("bound", "keys:manage")[1];
      app.generateKey(apiKey, "Composite-ML-DSA");
    }
    String emptyDatabase = PostgresTestDatabase.createDatabase("empty_");
    int before = TokenObjectCount.count();

    List<String> reasons = refusedStart(emptyDatabase, SoftHsmTestToken.get());
    assertThat(reasons.getFirst())
        .contains("refusing to start")
        .contains("the HSM token belongs to deployment")
        .contains("the database to deployment none");

    assertThat(TokenObjectCount.count()).as("token objects after").isEqualTo(before);
    try (SignetApp again = SignetApp.start()) {
      assertThat(again.http.send("GET", "/health/readiness", Map.of(), (String) null).status())
          .as("the right database still starts")
          .isEqualTo(200);
    }
  }

  @Test
  void aNewTokenInFrontOfAUsedDatabaseRefusesToStart() throws Exception {
    try (SignetApp app = SignetApp.start()) {
      String apiKey = app.tenantWithKey("used", "keys:manage")[1];
      app.generateKey(apiKey, "ECDSA-P256");
    }
    List<String> reasons =
        refusedStart(PostgresTestDatabase.container().getJdbcUrl(), SoftHsmTestToken.fresh());
    assertThat(reasons.getFirst())
        .contains("refusing to start: the database (deployment ")
        .contains("holds key versions that are not archived")
        .contains("the HSM token holds no Signet key object and no deployment id");
  }

  /**
   * Starts the jar on {@code database} and {@code token}, expects it to refuse (exit 1, one reason
   * line, nothing reconciled) and returns the reason lines.
   */
  private List<String> refusedStart(String database, SoftHsmTestToken token) throws Exception {
    var db = PostgresTestDatabase.container();
    Path log = dir.resolve("signet-" + UUID.randomUUID() + ".log");
    Process process =
        Processes.start(
            log,
            Map.of(
                "DATASOURCES_DEFAULT_URL",
                database,
                "DATASOURCES_DEFAULT_USERNAME",
                db.getUsername(),
                "DATASOURCES_DEFAULT_PASSWORD",
                db.getPassword(),
                "SIGNET_PKCS11_LIBRARY",
                SoftHsmTestToken.LIBRARY,
                "SIGNET_PKCS11_TOKEN_LABEL",
                token.label(),
                "SIGNET_PKCS11_PIN",
                token.pin(),
                "SIGNET_ADMIN_TOKEN",
                SignetApp.ADMIN_TOKEN,
                "SIGNET_LIFECYCLE_CLAIM_GRACE",
                "0s",
                "MICRONAUT_SERVER_PORT",
                "0"),
            Processes.JAVA.toString(),
            "-jar",
            Processes.JAR.toString());
    int exit = Processes.awaitExit(process, 90);
    List<String> lines = Files.readAllLines(log);
    assertThat(exit).as(String.join("\n", lines)).isEqualTo(1);
    List<String> reasons =
        lines.stream().filter(l -> l.startsWith("signet: cannot start: ")).toList();
    assertThat(reasons).as(String.join("\n", lines)).hasSize(1);
    assertThat(lines).noneMatch(l -> l.contains("reconciliation: destroyed"));
    return reasons;
  }
}
