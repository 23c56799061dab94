package io.signet.adapter.persistence;

import io.signet.application.contract.OrphanMarksContract;
import io.signet.application.port.OrphanMarks;

class JdbcOrphanMarksIT extends OrphanMarksContract {
  @Override
  protected OrphanMarks marks() {
    return PersistenceContext.get().getBean(JdbcOrphanMarks.class);
  }
}
