package io.signet.adapter.persistence;

import io.signet.application.port.LoginReplays;
import io.signet.domain.Bytes;
import io.signet.domain.wallet.EthereumAddress;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HexFormat;

/**
 * {@link LoginReplays} in PostgreSQL: the primary key (address, SHA-256 of the message) makes the
 * first insert win; {@code ON CONFLICT DO NOTHING} tells the others, without an error, that they
 * lost. One statement in autocommit: durable when it returns.
 */
@Singleton
public final class JdbcLoginReplays implements LoginReplays {
  private final Sql sql;

  JdbcLoginReplays(Sql sql) {
    this.sql = sql;
  }

  @Override
  public boolean firstUse(EthereumAddress address, Bytes messageSha256, Instant forgetAfter) {
    return sql.update(
            "INSERT INTO wallet_login_replay (address, message_sha256, forget_after)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
            s -> {
              s.setBytes(1, HexFormat.of().parseHex(address.value().substring(2)));
              s.setBytes(2, messageSha256.toArray());
              s.setObject(3, Sql.timestamp(forgetAfter));
            })
        == 1;
  }

  @Override
  public int forgetExpired(Instant now) {
    return sql.update(
        "DELETE FROM wallet_login_replay WHERE forget_after < ?",
        s -> s.setObject(1, Sql.timestamp(now)));
  }
}
