package io.signet.application.fake;

import io.signet.application.contract.InstancesContract;
import io.signet.application.port.Instances;
import java.time.Clock;

class InMemoryInstancesTest extends InstancesContract {
  private final Instances instances = new InMemoryInstances(Clock.systemUTC());

  @Override
  protected Instances instances() {
    return instances;
  }
}
