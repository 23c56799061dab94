package io.signet.application.fake;

import io.signet.application.contract.DeploymentRecordContract;
import io.signet.application.port.DeploymentRecord;

class InMemoryDeploymentRecordTest extends DeploymentRecordContract {
  private final InMemoryDeploymentRecord record = new InMemoryDeploymentRecord();

  @Override
  protected DeploymentRecord record() {
    return record;
  }
}
