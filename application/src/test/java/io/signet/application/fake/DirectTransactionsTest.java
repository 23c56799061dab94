package io.signet.application.fake;

import io.signet.application.contract.TransactionsContract;
import io.signet.application.port.Transactions;

class DirectTransactionsTest extends TransactionsContract {
  @Override
  protected Transactions transactions() {
    return new DirectTransactions();
  }
}
