package io.signet.adapter.persistence;

import io.signet.application.port.Transactions;
import jakarta.inject.Singleton;
import java.util.function.Supplier;

/** {@link Transactions} over the database: the port calls inside share one transaction. */
@Singleton
public final class JdbcTransactions implements Transactions {
  private final Sql sql;

  JdbcTransactions(Sql sql) {
    this.sql = sql;
  }

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return sql.write(c -> work.get());
  }
}
