package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.KeyVersionsContract;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.Tenants;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JdbcKeyVersionsIT extends KeyVersionsContract {
  @Override
  protected KeyVersions versions() {
    return PersistenceContext.get().getBean(JdbcKeyVersions.class);
  }

  @Override
  protected Tenants tenants() {
    return PersistenceContext.get().getBean(JdbcTenants.class);
  }

  @Test
  void theDatabaseItselfRefusesTwoActiveVersionsBackwardMovesAndDeletion() throws SQLException {
    TenantId tenant = TenantId.random();
    tenants().add(new Tenant(tenant, "raw", Plan.FREE, T0));
    KeyName v1 = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    versions().claim(v1, T0);
    versions()
        .activate(
            KeyVersion.activated(
                v1, Bytes.of(new byte[] {1}), Protection.HSM_WRAPPED, Bytes.of(new byte[] {2}), T0),
            null);
    try (Connection c = PostgresTestDatabase.connect();
        Statement s = c.createStatement()) {
      String where = " WHERE tenant_id = '" + tenant + "'";
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO key_version (tenant_id, algorithm, version, status, public_key, protection, created_at)"
                          + " VALUES ('"
                          + tenant
                          + "', 'mldsa65', 2, 'active', '\\x01', 'hsm-wrapped', now())"))
          .hasMessageContaining("key_version_one_active");
      s.execute("UPDATE key_version SET status = 'retired', retired_at = now()" + where);
      assertThatThrownBy(
              () ->
                  s.execute("UPDATE key_version SET status = 'active', retired_at = NULL" + where))
          .hasMessageContaining("may not move");
      assertThatThrownBy(() -> s.execute("UPDATE key_version SET public_key = '\\x02'" + where))
          .hasMessageContaining("immutable");
      assertThatThrownBy(() -> s.execute("DELETE FROM key_version" + where))
          .hasMessageContaining("kept for audit");
    }
    assertThat(versions().find(v1).orElseThrow().publicKey()).isEqualTo(Bytes.of(new byte[] {1}));
  }

  /**
   * The ledger of creations keeps what the rolling day can still count: a tenant's claim deletes
   * its creations that have left the window, so the table holds at most about a day of creations
   * per tenant.
   */
  @Test
  void forgetsCreationsOnceTheyLeaveTheWindow() throws SQLException {
    TenantId tenant = TenantId.random();
    tenants().add(new Tenant(tenant, "ledger", Plan.FREE, T0));
    KeyQuota quota = new KeyQuota(10, 10);
    KeyName abandoned = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    versions().claimWithinQuota(abandoned, T0, quota);
    versions().release(abandoned);
    versions()
        .claimWithinQuota(
            new KeyName(tenant, Algorithm.ECDSA_P256, 1), T0.plus(Duration.ofHours(23)), quota);
    assertThat(ledgerRows(tenant)).isEqualTo(2);
    versions()
        .claimWithinQuota(
            new KeyName(tenant, Algorithm.ED25519, 1), T0.plus(KeyQuota.WINDOW), quota);
    assertThat(ledgerRows(tenant)).as("the first creation left the window").isEqualTo(2);
  }

  /**
   * An instance whose clock runs a day fast claims for a tenant: the creation another instance made
   * 20 hours ago (by the database's clock) is still in everyone's window and stays in the ledger.
   * By the fast clock alone it had left the window, and deleting it would let the other instances
   * admit one creation more than the day allows.
   */
  @Test
  void aFastClockDoesNotEraseCreationsStillInTheWindow() throws SQLException {
    TenantId tenant = TenantId.random();
    tenants().add(new Tenant(tenant, "skew", Plan.FREE, T0));
    KeyQuota quota = new KeyQuota(10, 10);
    Instant now = Instant.now();
    versions()
        .claimWithinQuota(
            new KeyName(tenant, Algorithm.DILITHIUM3, 1), now.minus(Duration.ofHours(20)), quota);
    versions()
        .claimWithinQuota(
            new KeyName(tenant, Algorithm.ECDSA_P256, 1), now.plus(Duration.ofDays(1)), quota);
    assertThat(ledgerRows(tenant)).as("the creation of 20 hours ago is kept").isEqualTo(2);
  }

  private static int ledgerRows(TenantId tenant) throws SQLException {
    try (Connection c = PostgresTestDatabase.connect();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT count(*) AS n FROM key_creation WHERE tenant_id = '" + tenant + "'")) {
      rows.next();
      return rows.getInt("n");
    }
  }

  /**
   * Two quota claims of one tenant while another transaction (an instance minting at this moment)
   * holds the tenant and a claim it has not committed: both wait for it, then see its claim, and of
   * the two only one fits under a quota of two live versions. A check that read before writing,
   * without the tenant's lock, would let both pass, having seen no committed claim.
   */
  @Test
  void quotaClaimsOfOneTenantWaitForEachOtherAcrossConnections() throws Exception {
    TenantId tenant = TenantId.random();
    tenants().add(new Tenant(tenant, "race", Plan.FREE, T0));
    KeyQuota quota = new KeyQuota(2, 10);
    List<CompletableFuture<Boolean>> claims;
    try (Connection other = PostgresTestDatabase.connect()) {
      other.setAutoCommit(false);
      try (Statement s = other.createStatement()) {
        s.execute("SELECT id FROM tenant WHERE id = '" + tenant + "' FOR NO KEY UPDATE");
        s.execute(
            "INSERT INTO key_claim (tenant_id, algorithm, version, claimed_at) VALUES ('"
                + tenant
                + "', 'mldsa65', 1, now())");
      }
      claims =
          List.of(
              claimAsync(new KeyName(tenant, Algorithm.COMPOSITE_ML_DSA, 1), quota),
              claimAsync(new KeyName(tenant, Algorithm.ECDSA_P256, 1), quota));
      Thread.sleep(500);
      assertThat(claims).as("both wait for the tenant").noneMatch(CompletableFuture::isDone);
      KeyName unrelated = new KeyName(tenant, Algorithm.ED25519, 1);
      versions().claim(unrelated, T0);
      versions().release(unrelated);
      other.commit();
    }
    long passed = 0;
    for (CompletableFuture<Boolean> claim : claims) {
      if (claim.get(10, TimeUnit.SECONDS)) passed++;
    }
    assertThat(passed).as("claims that fit beside the committed one").isEqualTo(1);
    assertThat(versions().ownership(new KeyName(tenant, Algorithm.DILITHIUM3, 1)))
        .isEqualTo(KeyVersions.Ownership.CLAIMED);
  }

  private CompletableFuture<Boolean> claimAsync(KeyName name, KeyQuota quota) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            versions().claimWithinQuota(name, T0, quota);
            return true;
          } catch (SignetException.Conflict refused) {
            if (!refused.quotaExceeded()) throw new CompletionException(refused);
            return false;
          }
        },
        // Each on its own thread: the common pool may have a single worker on a small machine,
        // and then the second claim would only start once the first had finished.
        task -> Thread.ofVirtual().start(task));
  }
}
