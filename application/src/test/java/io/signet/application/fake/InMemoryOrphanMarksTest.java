package io.signet.application.fake;

import io.signet.application.contract.OrphanMarksContract;
import io.signet.application.port.OrphanMarks;
import java.time.Clock;

class InMemoryOrphanMarksTest extends OrphanMarksContract {
  private final InMemoryOrphanMarks marks = new InMemoryOrphanMarks(Clock.systemUTC());

  @Override
  protected OrphanMarks marks() {
    return marks;
  }
}
