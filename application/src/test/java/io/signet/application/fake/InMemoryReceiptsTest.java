package io.signet.application.fake;

import io.signet.application.contract.ReceiptsContract;
import io.signet.application.port.Receipts;

class InMemoryReceiptsTest extends ReceiptsContract {
  private final InMemoryReceipts receipts = new InMemoryReceipts();

  @Override
  protected Receipts receipts() {
    return receipts;
  }
}
