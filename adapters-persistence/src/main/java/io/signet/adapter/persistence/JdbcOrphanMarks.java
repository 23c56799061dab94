package io.signet.adapter.persistence;

import io.signet.application.port.OrphanMarks;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * {@link OrphanMarks} in PostgreSQL ({@code custody_orphan}). One pass is one transaction that
 * locks the marks it reads, so concurrent passes on several instances serialize; ages are measured
 * with the database's {@code now()}.
 */
@Singleton
public final class JdbcOrphanMarks implements OrphanMarks {
  private final Sql sql;

  JdbcOrphanMarks(Sql sql) {
    this.sql = sql;
  }

  private record Mark(KeyName name, boolean due) {}

  @Override
  public List<KeyName> pass(Set<KeyName> orphans, Duration minAge) {
    return sql.write(
        c -> {
          lock(c);
          List<Mark> existing =
              Sql.list(
                  c,
                  "SELECT tenant_id, algorithm, version,"
                      + " marked_at <= now() - make_interval(secs => ?) AS due FROM custody_orphan",
                  s -> s.setDouble(1, minAge.toNanos() / 1e9),
                  row ->
                      new Mark(
                          new KeyName(
                              new TenantId(row.getObject("tenant_id", UUID.class)),
                              Algorithm.fromShortName(row.getString("algorithm")),
                              row.getInt("version")),
                          row.getBoolean("due")));
          List<KeyName> due = new ArrayList<>();
          List<KeyName> marked = new ArrayList<>();
          for (Mark mark : existing) {
            marked.add(mark.name());
            if (!orphans.contains(mark.name())) delete(c, mark.name());
            else if (mark.due()) due.add(mark.name());
          }
          for (KeyName orphan : orphans) {
            if (marked.contains(orphan)) continue;
            Sql.update(
                c,
                "INSERT INTO custody_orphan (tenant_id, algorithm, version) VALUES (?, ?, ?)"
                    + " ON CONFLICT DO NOTHING",
                s -> bind(s, orphan));
          }
          return due;
        });
  }

  @Override
  public void clear(KeyName name) {
    sql.write(
        c -> {
          delete(c, name);
          return null;
        });
  }

  /** One pass at a time across instances: a transaction-scoped advisory lock. */
  private static void lock(Connection c) throws SQLException {
    try (var s = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('custody_orphan'))")) {
      s.execute();
    }
  }

  private static void delete(Connection c, KeyName name) throws SQLException {
    Sql.update(
        c,
        "DELETE FROM custody_orphan WHERE tenant_id = ? AND algorithm = ? AND version = ?",
        s -> bind(s, name));
  }

  private static void bind(java.sql.PreparedStatement s, KeyName name) throws SQLException {
    s.setObject(1, name.tenant().value());
    s.setString(2, name.algorithm().shortName());
    s.setInt(3, name.version());
  }
}
