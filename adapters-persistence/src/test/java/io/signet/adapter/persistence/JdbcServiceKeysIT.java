package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.contract.ServiceKeysContract;
import io.signet.application.port.ServiceKeys;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdbcServiceKeysIT extends ServiceKeysContract {

  @Override
  protected ServiceKeys keys() {
    return PersistenceContext.get().getBean(JdbcServiceKeys.class);
  }

  private static Connection connect() throws SQLException {
    return PostgresTestDatabase.connect();
  }

  @BeforeEach
  void startEmpty() throws SQLException {
    keys(); // the context migrates the schema
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("DELETE FROM service_key");
    }
  }

  @Test
  void theDatabaseItselfRefusesTwoCurrentVersionsAndKeysWithoutTheirPublicHalf()
      throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO service_key (purpose, algorithm, version, status, claimed_by, claimed_at,"
              + " public_key, address, protection, created_at) VALUES ('jwt', 'ES256', 1,"
              + " 'current', 'a', now(), '\\x01', '0x01', 'hsm', now())");
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO service_key (purpose, algorithm, version, status, claimed_by,"
                          + " claimed_at, public_key, address, protection, created_at) VALUES"
                          + " ('jwt', 'ES256', 2, 'current', 'a', now(), '\\x01', '0x01', 'hsm',"
                          + " now())"))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO service_key (purpose, algorithm, version, status, claimed_by,"
                          + " claimed_at) VALUES ('jwt', 'ES256', 3, 'previous', 'a', now())"))
          .isInstanceOf(SQLException.class);
      assertThatThrownBy(
              () ->
                  s.execute(
                      "INSERT INTO service_key (purpose, algorithm, version, status, claimed_by,"
                          + " claimed_at, public_key, address, protection, created_at) VALUES"
                          + " ('receipts', 'ml-dsa', 1, 'current', 'a', now(), '\\x01', '0x01',"
                          + " 'hsm-wrapped', now())"))
          .isInstanceOf(SQLException.class);
    }
  }
}
