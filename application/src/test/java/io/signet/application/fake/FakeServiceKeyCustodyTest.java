package io.signet.application.fake;

import io.signet.application.contract.ServiceKeyCustodyContract;
import io.signet.application.port.ServiceKeyCustody;
import java.util.concurrent.atomic.AtomicInteger;

class FakeServiceKeyCustodyTest extends ServiceKeyCustodyContract {
  private static final FakeServiceKeyCustody CUSTODY = new FakeServiceKeyCustody();
  private static final AtomicInteger VERSIONS = new AtomicInteger();

  @Override
  protected ServiceKeyCustody custody() {
    return CUSTODY;
  }

  @Override
  protected int freshVersion() {
    return VERSIONS.incrementAndGet();
  }
}
