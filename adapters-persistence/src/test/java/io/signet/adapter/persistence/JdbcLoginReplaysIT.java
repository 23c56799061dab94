package io.signet.adapter.persistence;

import io.signet.application.contract.LoginReplaysContract;
import io.signet.application.port.LoginReplays;

class JdbcLoginReplaysIT extends LoginReplaysContract {
  @Override
  protected LoginReplays replays() {
    return PersistenceContext.get().getBean(JdbcLoginReplays.class);
  }
}
