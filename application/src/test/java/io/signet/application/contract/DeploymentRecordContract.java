package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.DeploymentRecord;
import io.signet.domain.deployment.DeploymentId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DeploymentRecord} must do. The store given may already hold an id (the real
 * database is shared by the run's tests): the contract is that the first write wins and stays.
 */
public abstract class DeploymentRecordContract {
  protected abstract DeploymentRecord record();

  @Test
  void theFirstEstablishedIdWinsAndNeverChanges() {
    DeploymentId first = record().establish(DeploymentId.random());
    assertThat(record().current()).contains(first);
    assertThat(record().establish(DeploymentId.random())).isEqualTo(first);
    assertThat(record().current()).contains(first);
  }

  @Test
  void concurrentFirstWritersAgreeOnOneId() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<DeploymentId>> writers = new ArrayList<>();
      for (int i = 0; i < 8; i++) writers.add(() -> record().establish(DeploymentId.random()));
      List<DeploymentId> ids = new ArrayList<>();
      for (Future<DeploymentId> f : pool.invokeAll(writers)) ids.add(f.get());
      assertThat(ids).containsOnly(record().current().orElseThrow());
    } finally {
      pool.shutdownNow();
    }
  }
}
