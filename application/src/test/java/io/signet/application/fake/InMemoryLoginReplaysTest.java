package io.signet.application.fake;

import io.signet.application.contract.LoginReplaysContract;
import io.signet.application.port.LoginReplays;

class InMemoryLoginReplaysTest extends LoginReplaysContract {
  private final InMemoryLoginReplays replays = new InMemoryLoginReplays();

  @Override
  protected LoginReplays replays() {
    return replays;
  }
}
