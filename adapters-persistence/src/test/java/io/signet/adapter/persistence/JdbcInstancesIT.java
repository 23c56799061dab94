package io.signet.adapter.persistence;

import io.signet.application.contract.InstancesContract;
import io.signet.application.port.Instances;

class JdbcInstancesIT extends InstancesContract {
  @Override
  protected Instances instances() {
    return PersistenceContext.get().getBean(JdbcInstances.class);
  }
}
