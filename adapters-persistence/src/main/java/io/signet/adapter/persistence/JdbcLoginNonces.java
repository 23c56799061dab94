package io.signet.adapter.persistence;

import io.signet.application.port.LoginNonces;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * {@link LoginNonces} in PostgreSQL. Using a nonce deletes its row: of concurrent deletes of one
 * row exactly one reports it, so a nonce is accepted once across all instances.
 */
@Singleton
public final class JdbcLoginNonces implements LoginNonces {
  private final Sql sql;

  JdbcLoginNonces(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void issue(String nonce, Instant expiresAt) {
    sql.update(
        "INSERT INTO wallet_login_nonce (nonce, expires_at) VALUES (?, ?)",
        s -> {
          s.setString(1, nonce);
          s.setObject(2, Sql.timestamp(expiresAt));
        });
  }

  @Override
  public boolean use(String nonce, Instant now) {
    return sql.update(
            "DELETE FROM wallet_login_nonce WHERE nonce = ? AND expires_at > ?",
            s -> {
              s.setString(1, nonce);
              s.setObject(2, Sql.timestamp(now));
            })
        == 1;
  }

  @Override
  public int forgetExpired(Instant now) {
    return sql.update(
        "DELETE FROM wallet_login_nonce WHERE expires_at <= ?",
        s -> s.setObject(1, Sql.timestamp(now)));
  }
}
