package io.signet.adapter.persistence;

import io.signet.application.port.ServiceKeys;
import io.signet.domain.Bytes;
import io.signet.domain.key.Protection;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ServiceKeys} in PostgreSQL. A claim is an {@code INSERT … ON CONFLICT DO NOTHING} of a
 * pending row: the primary key and the partial unique index {@code service_key_one_pending} let
 * exactly one instance claim each version; completing is a compare-and-set on the claimant.
 */
@Singleton
public final class JdbcServiceKeys implements ServiceKeys {
  private static final String COLUMNS =
      "purpose, algorithm, version, status, public_key, address, protection, sealed_private_key,"
          + " created_at";
  private final Sql sql;

  JdbcServiceKeys(Sql sql) {
    this.sql = sql;
  }

  @Override
  public boolean claim(ServiceKeyName name, String claimant, Instant now) {
    return sql.update(
            "INSERT INTO service_key (purpose, algorithm, version, status, claimed_by, claimed_at)"
                + " VALUES (?, ?, ?, 'pending', ?, ?) ON CONFLICT DO NOTHING",
            s -> {
              bindName(s, name);
              s.setString(4, claimant);
              s.setObject(5, Sql.timestamp(now));
            })
        == 1;
  }

  @Override
  public boolean takeOver(ServiceKeyName name, String claimant, Instant staleBefore, Instant now) {
    return sql.update(
            "UPDATE service_key SET claimed_by = ?, claimed_at = ?"
                + " WHERE purpose = ? AND algorithm = ? AND version = ? AND status = 'pending'"
                + " AND claimed_at < ?",
            s -> {
              s.setString(1, claimant);
              s.setObject(2, Sql.timestamp(now));
              s.setString(3, name.purpose().wireName());
              s.setString(4, name.algorithm().wireName());
              s.setInt(5, name.version());
              s.setObject(6, Sql.timestamp(staleBefore));
            })
        == 1;
  }

  @Override
  public boolean complete(ServiceKey key, String claimant) {
    ServiceKeyName name = key.name();
    return sql.write(
        c -> {
          try (PreparedStatement lock =
              c.prepareStatement(
                  "SELECT 1 FROM service_key WHERE purpose = ? AND algorithm = ? AND version = ?"
                      + " AND status = 'pending' AND claimed_by = ? FOR UPDATE")) {
            bindName(lock, name);
            lock.setString(4, claimant);
            try (ResultSet row = lock.executeQuery()) {
              if (!row.next()) return false;
            }
          }
          Sql.update(
              c,
              "UPDATE service_key SET status = 'previous'"
                  + " WHERE purpose = ? AND algorithm = ? AND status = 'current'",
              s -> {
                s.setString(1, name.purpose().wireName());
                s.setString(2, name.algorithm().wireName());
              });
          Sql.update(
              c,
              "UPDATE service_key SET status = 'current', public_key = ?, address = ?,"
                  + " protection = ?, sealed_private_key = ?, created_at = ?"
                  + " WHERE purpose = ? AND algorithm = ? AND version = ?",
              s -> {
                s.setBytes(1, key.publicKey().toArray());
                s.setString(2, key.address());
                s.setString(3, key.protection().wireName());
                s.setBytes(
                    4, key.sealedPrivateKey() == null ? null : key.sealedPrivateKey().toArray());
                s.setObject(5, Sql.timestamp(key.createdAt()));
                s.setString(6, name.purpose().wireName());
                s.setString(7, name.algorithm().wireName());
                s.setInt(8, name.version());
              });
          return true;
        });
  }

  @Override
  public Optional<Claim> pending(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm) {
    return sql.queryOne(
        "SELECT version, claimed_by, claimed_at FROM service_key"
            + " WHERE purpose = ? AND algorithm = ? AND status = 'pending'",
        s -> {
          s.setString(1, purpose.wireName());
          s.setString(2, algorithm.wireName());
        },
        row ->
            new Claim(
                new ServiceKeyName(purpose, algorithm, row.getInt("version")),
                row.getString("claimed_by"),
                Sql.instant(row, "claimed_at")));
  }

  @Override
  public Optional<ServiceKey> current(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm) {
    return sql.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM service_key WHERE purpose = ? AND algorithm = ? AND status = 'current'",
        s -> {
          s.setString(1, purpose.wireName());
          s.setString(2, algorithm.wireName());
        },
        JdbcServiceKeys::key);
  }

  @Override
  public Optional<ServiceKey> find(ServiceKeyName name) {
    return sql.queryOne(
        "SELECT "
            + COLUMNS
            + " FROM service_key WHERE purpose = ? AND algorithm = ? AND version = ?"
            + " AND status <> 'pending'",
        s -> bindName(s, name),
        JdbcServiceKeys::key);
  }

  @Override
  public int latestVersion(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm) {
    return sql.queryOne(
            "SELECT coalesce(max(version), 0) AS v FROM service_key"
                + " WHERE purpose = ? AND algorithm = ?",
            s -> {
              s.setString(1, purpose.wireName());
              s.setString(2, algorithm.wireName());
            },
            row -> row.getInt("v"))
        .orElse(0);
  }

  @Override
  public List<ServiceKey> all() {
    return sql.query(
        "SELECT "
            + COLUMNS
            + " FROM service_key WHERE status <> 'pending'"
            + " ORDER BY purpose, algorithm, version DESC",
        s -> {},
        JdbcServiceKeys::key);
  }

  private static void bindName(PreparedStatement s, ServiceKeyName name) throws SQLException {
    s.setString(1, name.purpose().wireName());
    s.setString(2, name.algorithm().wireName());
    s.setInt(3, name.version());
  }

  private static ServiceKey key(ResultSet row) throws SQLException {
    byte[] sealed = row.getBytes("sealed_private_key");
    return new ServiceKey(
        new ServiceKeyName(
            ServiceKeyPurpose.parse(row.getString("purpose")),
            ServiceAlgorithm.parse(row.getString("algorithm")),
            row.getInt("version")),
        ServiceKey.Status.fromWireName(row.getString("status")),
        Bytes.of(row.getBytes("public_key")),
        row.getString("address"),
        Protection.fromWireName(row.getString("protection")),
        sealed == null ? null : Bytes.of(sealed),
        Sql.instant(row, "created_at"));
  }
}
