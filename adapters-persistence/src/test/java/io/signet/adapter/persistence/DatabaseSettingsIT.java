package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.ApplicationContext;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The bounds of {@link DatabaseSettings} reach the pool, the driver and PostgreSQL. */
class DatabaseSettingsIT {

  @Test
  void everyConnectionHasTheDefaultBounds() throws SQLException {
    HikariDataSource pool = pool(PersistenceContext.get());
    assertThat(pool.getConnectionTimeout()).isEqualTo(2000);
    try (Connection c = pool.getConnection()) {
      assertThat(c.getNetworkTimeout()).isEqualTo(30_000);
      assertThat(show(c, "statement_timeout")).isEqualTo("15s");
      assertThat(show(c, "idle_in_transaction_session_timeout")).isEqualTo("1min");
    }
  }

  @Test
  void everyConnectionHasTheBoundsSet() throws SQLException {
    Map<String, Object> properties = new HashMap<>(PostgresTestDatabase.properties());
    properties.put("signet.database.connection-timeout", "1500");
    properties.put("signet.database.connect-timeout-seconds", "3");
    properties.put("signet.database.socket-timeout-seconds", "7");
    properties.put("signet.database.statement-timeout-ms", "1234");
    properties.put("signet.database.idle-in-transaction-timeout-ms", "4321");
    try (ApplicationContext context = ApplicationContext.run(properties)) {
      HikariDataSource pool = pool(context);
      assertThat(pool.getConnectionTimeout()).isEqualTo(1500);
      assertThat(pool.getDataSourceProperties())
          .containsEntry("connectTimeout", "3")
          .containsEntry("loginTimeout", "3");
      try (Connection c = pool.getConnection()) {
        assertThat(c.getNetworkTimeout()).isEqualTo(7_000);
        assertThat(show(c, "statement_timeout")).isEqualTo("1234ms");
        assertThat(show(c, "idle_in_transaction_session_timeout")).isEqualTo("4321ms");
      }
    }
  }

  /** The pool itself: the bean hands out connections only inside a transaction or @Connectable. */
  private static HikariDataSource pool(ApplicationContext context) throws SQLException {
    return context.getBean(DataSource.class).unwrap(HikariDataSource.class);
  }

  private static String show(Connection c, String parameter) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet row = s.executeQuery("SHOW " + parameter)) {
      row.next();
      return row.getString(1);
    }
  }
}
