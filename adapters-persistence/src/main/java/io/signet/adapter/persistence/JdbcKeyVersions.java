package io.signet.adapter.persistence;

import io.signet.application.port.KeyVersions;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * {@link KeyVersions} in PostgreSQL. The single-active rule is the partial unique index {@code
 * key_version_one_active}; forward-only statuses and immutable key material are a trigger; a claim
 * is a row whose primary key is the version name, dated by the database's clock. Transitions are
 * compare-and-set on the status, so of two concurrent changes exactly one applies.
 */
@Singleton
public final class JdbcKeyVersions implements KeyVersions {
  private static final String COLUMNS =
      "tenant_id, algorithm, version, status, public_key, protection, sealed_private_key,"
          + " created_at, retired_at, archived_at";
  private final Sql sql;

  JdbcKeyVersions(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<KeyVersion> find(KeyName name) {
    return sql.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM key_version WHERE tenant_id = ? AND algorithm = ? AND version = ?",
        s -> bindName(s, 1, name),
        JdbcKeyVersions::version);
  }

  @Override
  public Optional<KeyVersion> active(TenantId tenant, Algorithm algorithm) {
    return sql.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM key_version WHERE tenant_id = ? AND algorithm = ? AND status = 'active'",
        s -> {
          s.setObject(1, tenant.value());
          s.setString(2, algorithm.shortName());
        },
        JdbcKeyVersions::version);
  }

  @Override
  public List<KeyVersion> list(TenantId tenant, Algorithm algorithm, KeyStatus status) {
    return sql.query(
        "SELECT "
            + COLUMNS
            + " FROM key_version WHERE tenant_id = ?"
            + " AND (?::text IS NULL OR algorithm = ?::text) AND (?::text IS NULL OR status = ?::text)"
            + " ORDER BY algorithm, version",
        s -> {
          String alg = algorithm == null ? null : algorithm.shortName();
          String st = status == null ? null : status.wireName();
          s.setObject(1, tenant.value());
          s.setString(2, alg);
          s.setString(3, alg);
          s.setString(4, st);
          s.setString(5, st);
        },
        JdbcKeyVersions::version);
  }

  @Override
  public int latestVersion(TenantId tenant, Algorithm algorithm) {
    return sql.queryOne(
            "SELECT coalesce(max(version), 0) AS latest FROM key_version WHERE tenant_id = ? AND algorithm = ?",
            s -> {
              s.setObject(1, tenant.value());
              s.setString(2, algorithm.shortName());
            },
            row -> row.getInt("latest"))
        .orElse(0);
  }

  @Override
  public void claim(KeyName name, Instant at) {
    sql.write(
        c -> {
          insertClaim(c, name);
          return null;
        });
  }

  /**
   * The tenant's row is locked {@code FOR NO KEY UPDATE} first: that serializes the quota claims of
   * one tenant across every connection and instance (the lock conflicts with itself), while the
   * {@code FOR KEY SHARE} locks that foreign-key checks take on the tenant (inserting a version or
   * a claim, in any transaction) do not wait for it. Under the lock, in READ COMMITTED, each count
   * sees every claim, version and creation committed before it, so two claims at the limit cannot
   * both pass. The claim's row in {@code key_creation} is written in the same transaction and is
   * never removed by a release; the tenant's rows that have left the window go here, under the same
   * lock, so the ledger holds about a day of creations per tenant whatever the number of instances.
   * A row goes once it is out of the window by {@code at} and by the database's clock: an instance
   * whose clock runs fast does not erase the creations that the others still count.
   */
  @Override
  public void claimWithinQuota(KeyName name, Instant at, KeyQuota quota) {
    sql.write(
        c -> {
          Sql.list(
              c,
              "SELECT id FROM tenant WHERE id = ? FOR NO KEY UPDATE",
              s -> s.setObject(1, name.tenant().value()),
              row -> row.getObject("id"));
          Sql.update(
              c,
              "DELETE FROM key_creation WHERE tenant_id = ?"
                  + " AND claimed_at <= LEAST(?, now() - make_interval(secs => ?))",
              s -> {
                s.setObject(1, name.tenant().value());
                s.setObject(2, Sql.timestamp(at.minus(KeyQuota.WINDOW)));
                s.setLong(3, KeyQuota.WINDOW.toSeconds());
              });
          quota.requireRoomForOneMore(usage(c, name.tenant(), quota.creationsPerDay()), at);
          insertClaim(c, name);
          Sql.update(
              c,
              "INSERT INTO key_creation (tenant_id, algorithm, version, claimed_at)"
                  + " VALUES (?, ?, ?, ?)",
              s -> {
                bindName(s, 1, name);
                s.setObject(4, Sql.timestamp(at));
              });
          return null;
        });
  }

  /**
   * A tenant's quota usage: live versions and claims; the {@code recent} most recent creations of
   * the ledger (which holds only those within the window, its older rows having been deleted).
   * Every scan stays within the tenant's rows by an index's leading column.
   */
  private static KeyQuota.Usage usage(Connection c, TenantId tenant, int recent)
      throws SQLException {
    int live =
        Sql.list(
                c,
                "SELECT (SELECT count(*) FROM key_version WHERE tenant_id = ? AND status <> 'archived')"
                    + " + (SELECT count(*) FROM key_claim WHERE tenant_id = ?) AS live",
                s -> {
                  s.setObject(1, tenant.value());
                  s.setObject(2, tenant.value());
                },
                row -> row.getInt("live"))
            .getFirst();
    List<Instant> created =
        Sql.list(
            c,
            "SELECT claimed_at FROM key_creation WHERE tenant_id = ?"
                + " ORDER BY claimed_at DESC LIMIT ?",
            s -> {
              s.setObject(1, tenant.value());
              s.setInt(2, recent);
            },
            row -> Sql.instant(row, "claimed_at"));
    return new KeyQuota.Usage(live, created);
  }

  private static void insertClaim(Connection c, KeyName name) throws SQLException {
    int inserted =
        Sql.update(
            c,
            "INSERT INTO key_claim (tenant_id, algorithm, version, claimed_at)"
                + " SELECT ?, ?, ?, now() WHERE NOT EXISTS (SELECT 1 FROM key_version"
                + " WHERE tenant_id = ? AND algorithm = ? AND version = ?)"
                + " ON CONFLICT DO NOTHING",
            s -> {
              bindName(s, 1, name);
              bindName(s, 4, name);
            });
    if (inserted != 1) {
      throw new SignetException.Conflict(
          "version "
              + name.version()
              + " of "
              + name.algorithm().wireName()
              + " is being created by a concurrent request; retry");
    }
  }

  @Override
  public void release(KeyName name) {
    sql.update(
        "DELETE FROM key_claim WHERE tenant_id = ? AND algorithm = ? AND version = ?",
        s -> bindName(s, 1, name));
  }

  @Override
  public List<KeyName> releaseClaimsOlderThan(Duration age) {
    return sql.write(
        c ->
            Sql.list(
                c,
                "DELETE FROM key_claim WHERE claimed_at < now() - make_interval(secs => ?)"
                    + " RETURNING tenant_id, algorithm, version",
                s -> s.setDouble(1, age.toNanos() / 1e9),
                JdbcKeyVersions::name));
  }

  @Override
  public Ownership ownership(KeyName name) {
    return sql.queryOne(
            "SELECT (SELECT status FROM key_version"
                + " WHERE tenant_id = ? AND algorithm = ? AND version = ?) AS status,"
                + " EXISTS (SELECT 1 FROM key_claim"
                + " WHERE tenant_id = ? AND algorithm = ? AND version = ?) AS claimed",
            s -> {
              bindName(s, 1, name);
              bindName(s, 4, name);
            },
            row -> {
              String status = row.getString("status");
              if (status != null) {
                return KeyStatus.parse(status) == KeyStatus.ARCHIVED
                    ? Ownership.ARCHIVED
                    : Ownership.LIVE;
              }
              return row.getBoolean("claimed") ? Ownership.CLAIMED : Ownership.UNOWNED;
            })
        .orElseThrow();
  }

  @Override
  public Set<KeyName> activeAmong(Set<KeyName> names) {
    if (names.isEmpty()) return Set.of();
    List<KeyName> list = List.copyOf(names);
    return Set.copyOf(
        sql.read(
            c ->
                Sql.list(
                    c,
                    "SELECT v.tenant_id, v.algorithm, v.version FROM key_version v"
                        + " JOIN unnest(?::uuid[], ?::text[], ?::int[]) AS n(t, a, ver)"
                        + " ON v.tenant_id = n.t AND v.algorithm = n.a AND v.version = n.ver"
                        + " WHERE v.status = 'active'",
                    s -> {
                      s.setArray(
                          1,
                          c.createArrayOf(
                              "uuid", list.stream().map(n -> n.tenant().value()).toArray()));
                      s.setArray(
                          2,
                          c.createArrayOf(
                              "text", list.stream().map(n -> n.algorithm().shortName()).toArray()));
                      s.setArray(
                          3,
                          c.createArrayOf(
                              "integer", list.stream().map(KeyName::version).toArray()));
                    },
                    JdbcKeyVersions::name)));
  }

  @Override
  public List<KeyVersion> sealedVersions() {
    return sql.query(
        "SELECT "
            + COLUMNS
            + " FROM key_version WHERE status <> 'archived' AND sealed_private_key IS NOT NULL"
            + " ORDER BY tenant_id, algorithm, version",
        s -> {},
        JdbcKeyVersions::version);
  }

  @Override
  public boolean replaceSealedKey(KeyName name, Bytes expected, Bytes replacement) {
    return sql.update(
            "UPDATE key_version SET sealed_private_key = ?"
                + " WHERE tenant_id = ? AND algorithm = ? AND version = ?"
                + " AND status <> 'archived' AND sealed_private_key = ?",
            s -> {
              s.setBytes(1, replacement.toArray());
              bindName(s, 2, name);
              s.setBytes(5, expected.toArray());
            })
        == 1;
  }

  @Override
  public void activate(KeyVersion created, KeyVersion retired) {
    sql.write(
        c -> {
          if (retired != null) requireTransition(c, KeyStatus.ACTIVE, retired);
          try {
            Sql.update(
                c,
                "INSERT INTO key_version (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                s -> {
                  bindName(s, 1, created.name());
                  s.setString(4, created.status().wireName());
                  s.setBytes(5, created.publicKey().toArray());
                  s.setString(6, created.protection().wireName());
                  s.setBytes(
                      7,
                      created.sealedPrivateKey() == null
                          ? null
                          : created.sealedPrivateKey().toArray());
                  s.setObject(8, Sql.timestamp(created.createdAt()));
                  s.setObject(9, Sql.timestamp(created.retiredAt()));
                  s.setObject(10, Sql.timestamp(created.archivedAt()));
                });
          } catch (SQLException e) {
            if (PersistenceErrors.isUniqueViolation(e)) {
              throw new SignetException.Conflict(
                  "another "
                      + created.name().algorithm().wireName()
                      + " version became active concurrently; retry");
            }
            throw e;
          }
          Sql.update(
              c,
              "DELETE FROM key_claim WHERE tenant_id = ? AND algorithm = ? AND version = ?",
              s -> bindName(s, 1, created.name()));
          return null;
        });
  }

  @Override
  public void transition(KeyVersion before, KeyVersion after) {
    if (!before.name().equals(after.name())) {
      throw new IllegalArgumentException("a transition keeps the version's name");
    }
    sql.write(
        c -> {
          requireTransition(c, before.status(), after);
          return null;
        });
  }

  private static void requireTransition(Connection c, KeyStatus expected, KeyVersion after)
      throws SQLException {
    int changed =
        Sql.update(
            c,
            "UPDATE key_version SET status = ?, retired_at = ?, archived_at = ?,"
                + " sealed_private_key = CASE WHEN ? = 'archived' THEN NULL ELSE sealed_private_key END"
                + " WHERE tenant_id = ? AND algorithm = ? AND version = ? AND status = ?",
            s -> {
              s.setString(1, after.status().wireName());
              s.setObject(2, Sql.timestamp(after.retiredAt()));
              s.setObject(3, Sql.timestamp(after.archivedAt()));
              s.setString(4, after.status().wireName());
              bindName(s, 5, after.name());
              s.setString(8, expected.wireName());
            });
    if (changed != 1) {
      throw new SignetException.Conflict(
          "key version "
              + after.name().version()
              + " is no longer "
              + expected.wireName()
              + "; a concurrent change won");
    }
  }

  private static void bindName(PreparedStatement s, int first, KeyName name) throws SQLException {
    s.setObject(first, name.tenant().value());
    s.setString(first + 1, name.algorithm().shortName());
    s.setInt(first + 2, name.version());
  }

  private static KeyName name(ResultSet row) throws SQLException {
    return new KeyName(
        new TenantId(row.getObject("tenant_id", UUID.class)),
        Algorithm.fromShortName(row.getString("algorithm")),
        row.getInt("version"));
  }

  private static KeyVersion version(ResultSet row) throws SQLException {
    byte[] sealed = row.getBytes("sealed_private_key");
    return new KeyVersion(
        name(row),
        KeyStatus.parse(row.getString("status")),
        Bytes.of(row.getBytes("public_key")),
        Protection.fromWireName(row.getString("protection")),
        sealed == null ? null : Bytes.of(sealed),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "retired_at"),
        Sql.instant(row, "archived_at"));
  }
}
