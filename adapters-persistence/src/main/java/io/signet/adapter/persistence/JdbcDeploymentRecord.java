package io.signet.adapter.persistence;

import io.signet.application.port.DeploymentRecord;
import io.signet.domain.deployment.DeploymentId;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link DeploymentRecord} in PostgreSQL: the single row of {@code deployment}, which a trigger
 * keeps unchanged once written. Concurrent first starts insert with {@code ON CONFLICT DO NOTHING}
 * (the loser's insert waits for the winner's commit) and then all read the winner's row.
 */
@Singleton
public final class JdbcDeploymentRecord implements DeploymentRecord {
  private final Sql sql;

  JdbcDeploymentRecord(Sql sql) {
    this.sql = sql;
  }

  @Override
  public Optional<DeploymentId> current() {
    return sql.queryOne(
        "SELECT id FROM deployment",
        s -> {},
        row -> new DeploymentId(row.getObject("id", UUID.class)));
  }

  @Override
  public DeploymentId establish(DeploymentId candidate) {
    sql.update(
        "INSERT INTO deployment (id) VALUES (?) ON CONFLICT DO NOTHING",
        s -> s.setObject(1, candidate.value()));
    return current()
        .orElseThrow(() -> new IllegalStateException("the deployment row vanished after insert"));
  }

  @Override
  public boolean holdsKeyVersions() {
    return sql.queryOne("SELECT 1 FROM key_version LIMIT 1", s -> {}, row -> true).isPresent();
  }

  @Override
  public boolean holdsLiveKeyVersions() {
    return sql.queryOne(
            "SELECT 1 FROM key_version WHERE status <> 'archived' LIMIT 1", s -> {}, row -> true)
        .isPresent();
  }
}
