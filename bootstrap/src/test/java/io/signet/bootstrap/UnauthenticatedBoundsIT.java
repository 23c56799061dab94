package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.adapter.rest.RawHttp;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.ApiKeyToken;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * DESIGN §8: no unauthenticated request reaches the database more than a bounded number of times
 * per second. Counted by PostgreSQL itself (its statistics), during floods of made-up API keys and
 * of readiness probes.
 */
class UnauthenticatedBoundsIT {
  private static final int LOOKUPS_PER_SECOND = 20;
  private static final int LOOKUP_BURST = 40;

  @Test
  void madeUpApiKeysBeyondTheLookupBudgetGet429WithoutReachingTheDatabaseWhileAKnownKeyPasses()
      throws Exception {
    try (SignetApp app =
        SignetApp.start(
            Map.of(
                "signet.api-keys.lookups-per-second", LOOKUPS_PER_SECOND,
                "signet.api-keys.lookup-burst", LOOKUP_BURST))) {
      String known = app.tenantWithKey("flood-known", "sign")[1];
      assertThat(me(app.http, known).status()).isEqualTo(200);
      Thread.sleep(2000); // the lookup budget refills, PostgreSQL's statistics settle
      long scansBefore = apiKeyScans();
      long xactsBefore = transactions();

      AtomicBoolean flooding = new AtomicBoolean(true);
      List<Integer> knownStatuses = new ArrayList<>();
      Thread knownCaller =
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (flooding.get()) knownStatuses.add(me(app.http, known).status());
                  });
      Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
      AtomicInteger wellFormed429 = new AtomicInteger();
      SecureRandom random = new SecureRandom();
      long started = System.nanoTime();
      AtOnce.run(
          16,
          caller -> {
            for (int i = 0; i < 125; i++) {
              String madeUp = ApiKeyToken.issue(ApiKeyId.random(), random).reveal();
              RawHttp.Reply reply = me(app.http, madeUp);
              statuses.computeIfAbsent(reply.status(), s -> new AtomicInteger()).incrementAndGet();
              if (reply.status() == 429
                  && "ERR_RATE_LIMIT_001".equals(reply.errorCode())
                  && reply.header("Retry-After") != null) {
                wellFormed429.incrementAndGet();
              }
            }
            return null;
          });
      double seconds = (System.nanoTime() - started) / 1e9;
      flooding.set(false);
      knownCaller.join();
      Thread.sleep(2000); // PostgreSQL publishes a backend's statistics within a second or so
      long scans = apiKeyScans() - scansBefore;
      long xacts = transactions() - xactsBefore;

      // The budget, plus the known key reread once per cache time to live (1 s), plus slack.
      long bound = LOOKUP_BURST + (long) Math.ceil(LOOKUPS_PER_SECOND * seconds) + 10;
      assertThat(scans)
          .as("api_key reads in %.1f s for 2,000 made-up keys (%s)", seconds, statuses)
          .isLessThanOrEqualTo(bound + (long) Math.ceil(seconds) + 5);
      // Everything else the instance does meanwhile (heartbeats, …) fits in a second bound.
      assertThat(xacts).as("transactions in %.1f s", seconds).isLessThan(bound + 200);
      assertThat(statuses.keySet()).containsOnly(401, 429);
      assertThat(statuses.get(429).get()).isEqualTo(wellFormed429.get()).isGreaterThan(1000);
      assertThat(knownStatuses).isNotEmpty().containsOnly(200);
    }
  }

  @Test
  void aFloodOfReadinessProbesCostsAtMostOneDatabaseCheckPerInterval() throws Exception {
    try (SignetApp app = SignetApp.start()) {
      assertThat(readiness(app.http)).isEqualTo(200);
      Thread.sleep(2000);
      long xactsBefore = transactions();
      long started = System.nanoTime();
      List<Integer> statuses = new ArrayList<>();
      for (List<Integer> some :
          AtOnce.run(
              8,
              caller -> {
                List<Integer> mine = new ArrayList<>();
                for (int i = 0; i < 250; i++) mine.add(readiness(app.http));
                return mine;
              })) {
        statuses.addAll(some);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(2000);
      long xacts = transactions() - xactsBefore;

      assertThat(statuses).hasSize(2000).containsOnly(200);
      // One check per second at most, plus the rest of the instance's own work meanwhile.
      assertThat(xacts)
          .as("transactions in %.1f s of 2,000 readiness probes", seconds)
          .isLessThan((long) Math.ceil(seconds) + 1 + 150);
    }
  }

  private static RawHttp.Reply me(RawHttp http, String apiKey) {
    return http.send("GET", "/api/v1/me", Map.of("X-API-Key", apiKey), (String) null);
  }

  private static int readiness(RawHttp http) {
    return http.send("GET", "/health/readiness", Map.of(), (String) null).status();
  }

  /** Reads of the api_key table, as PostgreSQL counts them. */
  private static long apiKeyScans() throws SQLException {
    return count(
        "SELECT seq_scan + coalesce(idx_scan, 0) FROM pg_stat_user_tables"
            + " WHERE relname = 'api_key'");
  }

  /** Transactions ended in the test database, committed or not, as PostgreSQL counts them. */
  private static long transactions() throws SQLException {
    return count(
        "SELECT xact_commit + xact_rollback FROM pg_stat_database"
            + " WHERE datname = current_database()");
  }

  private static long count(String query) throws SQLException {
    try (Connection c = PostgresTestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(query)) {
      r.next();
      return r.getLong(1);
    }
  }
}
