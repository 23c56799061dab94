package io.signet.adapter.persistence;

import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Runs JDBC writes in a transaction (joining the caller's when there is one), single-statement
 * writes in autocommit ({@link #autocommit}), reads, and translates every failure through {@link
 * PersistenceErrors}. Plain SQL rather than generated repositories: the invariants here (partial
 * unique indexes, compare-and-set updates, claims) are SQL.
 */
@Singleton
final class Sql {
  private final TransactionOperations<Connection> transactions;
  private final ConnectionOperations<Connection> connections;

  Sql(
      TransactionOperations<Connection> transactions,
      ConnectionOperations<Connection> connections) {
    this.transactions = transactions;
    this.connections = connections;
  }

  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  <T> T write(Work<T> work) {
    return run(work, on -> transactions.executeWrite(status -> on.apply(status.getConnection())));
  }

  /**
   * Runs a read on a pooled connection in autocommit (one round trip per statement), or on the
   * caller's transaction when there is one. Every read here is a single statement.
   */
  <T> T read(Work<T> work) {
    return run(work, on -> connections.executeRead(status -> on.apply(status.getConnection())));
  }

  /**
   * Runs one statement on a pooled connection in autocommit: the statement is its own transaction,
   * durably committed when it returns, in one round trip (no BEGIN and COMMIT of their own).
   */
  <T> T autocommit(Work<T> work) {
    return run(
        c -> work.run(inAutocommit(c)),
        on -> connections.executeWrite(status -> on.apply(status.getConnection())));
  }

  /**
   * The connection, checked to be in autocommit: outside it the statement would wait for a commit
   * that never comes (and be rolled back when the pool takes the connection back), after its caller
   * was told it was durable.
   */
  private static Connection inAutocommit(Connection c) throws SQLException {
    if (!c.getAutoCommit()) {
      throw new IllegalStateException(
          "a connection outside autocommit: the write would not commit");
    }
    return c;
  }

  <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    return read(c -> list(c, sql, binder, mapper));
  }

  <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = query(sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  int update(String sql, Binder binder) {
    return write(c -> update(c, sql, binder));
  }

  static <T> List<T> list(Connection c, String sql, Binder binder, RowMapper<T> mapper)
      throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) result.add(mapper.map(rows));
        return result;
      }
    }
  }

  static int update(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    }
  }

  /** A time for a timestamptz parameter, independent of the JVM's time zone. */
  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime t = row.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  /**
   * Runs the work on the connection {@code on} gives it (a transaction's, a pooled one); every
   * failure but the work's own is translated.
   */
  private static <T> T run(Work<T> work, Function<Function<Connection, T>, T> on) {
    Thrown thrown = new Thrown();
    try {
      return on.apply(c -> call(work, c, thrown));
    } catch (RuntimeException e) {
      throw thrown.byWork(e) ? e : PersistenceErrors.translate(e);
    }
  }

  /**
   * Runs the work; its own SQL failures are translated here, and any other failure it throws is
   * remembered so that it reaches the caller unchanged (a refusal or a defect in the work is not
   * the database being unavailable).
   */
  private static <T> T call(Work<T> work, Connection connection, Thrown thrown) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw PersistenceErrors.translate(e);
    } catch (RuntimeException e) {
      thrown.failure = e;
      throw e;
    }
  }

  /** What the work itself threw, if anything. */
  private static final class Thrown {
    private RuntimeException failure;

    // Identity on purpose: the very exception the work threw, not an equal one.
    @SuppressWarnings("ReferenceEquality")
    boolean byWork(RuntimeException e) {
      return e == failure;
    }
  }
}
