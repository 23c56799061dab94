package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.DeploymentRecordContract;
import io.signet.application.port.DeploymentRecord;
import org.junit.jupiter.api.Test;

class JdbcDeploymentRecordIT extends DeploymentRecordContract {
  @Override
  protected DeploymentRecord record() {
    return PersistenceContext.get().getBean(JdbcDeploymentRecord.class);
  }

  @Test
  void theDatabaseRefusesToChangeOrDropTheId() throws Exception {
    record().establish(io.signet.domain.deployment.DeploymentId.random());
    try (var c = PostgresTestDatabase.connect();
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
