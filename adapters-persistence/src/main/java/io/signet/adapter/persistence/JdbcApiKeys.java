package io.signet.adapter.persistence;

import io.signet.application.port.ApiKeys;
import io.signet.domain.Bytes;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.Scope;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** {@link ApiKeys} in PostgreSQL; the secret itself is never stored, only its SHA-256. */
@Singleton
public final class JdbcApiKeys implements ApiKeys {
  private static final String COLUMNS =
      "id, tenant_id, name, scopes, secret_sha256, created_at, revoked_at";
  private final Sql sql;

  JdbcApiKeys(Sql sql) {
    this.sql = sql;
  }

  @Override
  public void add(ApiKey key) {
    sql.write(
        c -> {
          String[] scopes =
              key.scopes().stream().map(Scope::wireName).sorted().toArray(String[]::new);
          return Sql.update(
              c,
              "INSERT INTO api_key (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
              s -> {
                s.setObject(1, key.id().value());
                s.setObject(2, key.tenant().value());
                s.setString(3, key.name());
                s.setArray(4, c.createArrayOf("text", scopes));
                s.setBytes(5, key.secretHash().toArray());
                s.setObject(6, Sql.timestamp(key.createdAt()));
                s.setObject(7, Sql.timestamp(key.revokedAt()));
              });
        });
  }

  @Override
  public Optional<ApiKey> find(ApiKeyId id) {
    return sql.queryOne(
        "SELECT " + COLUMNS + " FROM api_key WHERE id = ?",
        s -> s.setObject(1, id.value()),
        JdbcApiKeys::apiKey);
  }

  @Override
  public void revoke(ApiKeyId id, Instant at) {
    sql.update(
        "UPDATE api_key SET revoked_at = coalesce(revoked_at, ?) WHERE id = ?",
        s -> {
          s.setObject(1, Sql.timestamp(at));
          s.setObject(2, id.value());
        });
  }

  private static ApiKey apiKey(ResultSet row) throws SQLException {
    String[] scopes = (String[]) row.getArray("scopes").getArray();
    return new ApiKey(
        new ApiKeyId(row.getObject("id", UUID.class)),
        new TenantId(row.getObject("tenant_id", UUID.class)),
        row.getString("name"),
        Arrays.stream(scopes).map(Scope::parse).collect(Collectors.toSet()),
        Bytes.of(row.getBytes("secret_sha256")),
        Sql.instant(row, "created_at"),
        Sql.instant(row, "revoked_at"));
  }
}
