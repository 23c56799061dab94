package io.signet.adapter.persistence;

import io.signet.application.port.Instances;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;

/** {@link Instances} in PostgreSQL: one row per instance, times from the database's clock. */
@Singleton
public final class JdbcInstances implements Instances {
  private static final String BEAT =
      "INSERT INTO signet_instance (instance_id, started_at, last_seen) VALUES (?, now(), now())"
          + " ON CONFLICT (instance_id) DO UPDATE SET last_seen = now()";
  private static final String LIVE =
      "SELECT count(*) FROM signet_instance WHERE last_seen > now() - make_interval(secs => ?)";
  private final Sql sql;

  JdbcInstances(Sql sql) {
    this.sql = sql;
  }

  @Override
  public int beat(UUID instance, Duration expiry) {
    return sql.write(
        c -> {
          Sql.update(c, BEAT, s -> s.setObject(1, instance));
          return Sql.list(
                  c, LIVE, s -> s.setDouble(1, expiry.toMillis() / 1000.0), row -> row.getInt(1))
              .getFirst();
        });
  }

  @Override
  public void leave(UUID instance) {
    sql.update("DELETE FROM signet_instance WHERE instance_id = ?", s -> s.setObject(1, instance));
  }
}
