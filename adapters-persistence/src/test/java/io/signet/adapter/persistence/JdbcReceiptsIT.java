package io.signet.adapter.persistence;

import io.signet.application.contract.ReceiptsContract;
import io.signet.application.port.Receipts;

class JdbcReceiptsIT extends ReceiptsContract {
  @Override
  protected Receipts receipts() {
    return PersistenceContext.get().getBean(JdbcReceipts.class);
  }
}
