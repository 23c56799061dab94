package io.signet.adapter.persistence;

import io.signet.domain.Causes;
import io.signet.domain.SignetException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * The one place where database failures become Signet errors. Connection-class failures mean
 * "database unavailable" (nothing was done); a unique violation means a concurrent change won; a
 * foreign-key violation means the tenant named does not exist (tenants are the only thing rows
 * refer to); anything else is a defect and surfaces as such, without SQL text in the message.
 */
final class PersistenceErrors {
  static final String UNIQUE_VIOLATION = "23505";
  static final String FOREIGN_KEY_VIOLATION = "23503";
  private static final Set<String> UNAVAILABLE_CLASSES = Set.of("08", "53", "57", "58");

  private PersistenceErrors() {}

  static RuntimeException translate(Throwable failure) {
    if (failure instanceof SignetException signet) return signet;
    SQLException sql = findSqlException(failure);
    if (sql == null) {
      return new SignetException.Unavailable("database unavailable", failure);
    }
    String state = sql.getSQLState();
    if (sql instanceof SQLTransientConnectionException
        || state == null
        || UNAVAILABLE_CLASSES.contains(state.substring(0, Math.min(2, state.length())))) {
      return new SignetException.Unavailable("database unavailable", failure);
    }
    if (FOREIGN_KEY_VIOLATION.equals(state)) {
      return new SignetException.NotFound("the tenant does not exist");
    }
    if (UNIQUE_VIOLATION.equals(state)) {
      return new SignetException.Conflict("a concurrent change to the same item committed first");
    }
    return new IllegalStateException("database statement failed with SQLState " + state, failure);
  }

  static boolean isUniqueViolation(SQLException e) {
    return UNIQUE_VIOLATION.equals(e.getSQLState());
  }

  private static SQLException findSqlException(Throwable t) {
    return Causes.find(t, SQLException.class).orElse(null);
  }
}
