package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.DeploymentRecordContract;
import io.signet.application.port.DeploymentRecord;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;

class JdbcDeploymentRecordIT extends DeploymentRecordContract {
  @Override
  protected DeploymentRecord record() {
    return PersistenceContext.get().getBean(JdbcDeploymentRecord.class);
  }

  @Test
  void theDatabaseRefusesToChangeOrDropTheId() throws Exception {
    record().establish(io.signet.domain.deployment.DeploymentId.random());
    var db = PostgresTestDatabase.container();
    try (var c = DriverManager.getConnection(db.getJdbcUrl(), db.getUsername(), db.getPassword());
        var s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("UPDATE deployment SET id = gen_random_uuid()"))
          .hasMessageContaining("never changes");
      assertThatThrownBy(() -> s.executeUpdate("DELETE FROM deployment"))
          .hasMessageContaining("never changes");
      assertThatThrownBy(() -> s.executeUpdate("TRUNCATE deployment"))
          .hasMessageContaining("never changes");
    }
  }
}
