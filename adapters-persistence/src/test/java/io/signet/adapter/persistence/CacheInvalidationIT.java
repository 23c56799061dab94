package io.signet.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.signet.domain.Bytes;
import io.signet.domain.access.ApiKey;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.ApiKeyToken;
import io.signet.domain.access.Scope;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyStatus;
import io.signet.domain.key.KeyVersion;
import io.signet.domain.key.Protection;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.Tenant;
import io.signet.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Changes committed behind the caches' back (plain SQL on another connection, as another instance
 * would) reach them within a second through the notifications alone: the time to live here is an
 * hour, so only the listener can make these tests pass.
 */
class CacheInvalidationIT {
  private static final Instant T0 = Instant.parse("2026-03-01T10:15:30.123Z");
  private static final Duration BOUND = Duration.ofSeconds(1);
  private static ApplicationContext context;
  private static TenantId tenant;

  @BeforeAll
  static void start() {
    Map<String, Object> properties = new HashMap<>(PostgresTestDatabase.properties());
    properties.put("signet.cache.ttl", "1h");
    context = ApplicationContext.run(properties);
    tenant = TenantId.random();
    context.getBean(JdbcTenants.class).add(new Tenant(tenant, "cached", Plan.FREE, T0));
    Instant deadline = Instant.now().plusSeconds(30);
    while (!context.getBean(CacheInvalidation.class).listening()
        && Instant.now().isBefore(deadline)) {
      Thread.onSpinWait();
    }
    assertThat(context.getBean(CacheInvalidation.class).listening()).isTrue();
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  private static void sql(String statement) throws SQLException {
    try (Connection c = PostgresTestDatabase.connect();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Polls {@code read} until it satisfies {@code done}; fails past {@code BOUND} from now. */
  private static <T> T within(
      Duration bound, Supplier<T> read, java.util.function.Predicate<T> done)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(bound);
    T seen = read.get();
    while (!done.test(seen) && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
      seen = read.get();
    }
    return seen;
  }

  private static ApiKey aKey() {
    ApiKeyToken token = ApiKeyToken.issue(ApiKeyId.random(), new SecureRandom());
    return new ApiKey(
        token.id(), tenant, "cached", EnumSet.of(Scope.SIGN), token.secretHash(), T0, null);
  }

  @Test
  void aKeyRevokedElsewhereIsSeenRevokedWithinASecond() throws Exception {
    CachedApiKeys cached = context.getBean(CachedApiKeys.class);
    ApiKey key = aKey();
    cached.add(key);
    assertThat(cached.find(key.id())).contains(key);

    sql("UPDATE api_key SET revoked_at = now() WHERE id = '" + key.id().value() + "'");

    Optional<ApiKey> seen =
        within(BOUND, () -> cached.find(key.id()), found -> found.orElseThrow().isRevoked());
    assertThat(seen.orElseThrow().isRevoked()).isTrue();
  }

  @Test
  void anUnknownKeyIsFoundOnceItIsStoredElsewhere() throws Exception {
    CachedApiKeys cached = context.getBean(CachedApiKeys.class);
    ApiKey key = aKey();
    assertThat(cached.find(key.id())).isEmpty();

    context.getBean(JdbcApiKeys.class).add(key);

    assertThat(within(BOUND, () -> cached.find(key.id()), Optional::isPresent)).contains(key);
  }

  @Test
  void aVersionRetiredElsewhereIsSeenRetiredWithinASecond() throws Exception {
    CachedKeyVersions cached = context.getBean(CachedKeyVersions.class);
    KeyName name = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    assertThat(cached.find(name)).isEmpty();
    JdbcKeyVersions store = context.getBean(JdbcKeyVersions.class);
    store.claim(name, T0);
    store.activate(
        KeyVersion.activated(
            name, Bytes.of(new byte[] {1}), Protection.HSM_WRAPPED, Bytes.of(new byte[] {2}), T0),
        null);
    assertThat(within(BOUND, () -> cached.find(name), Optional::isPresent)).isPresent();

    sql(
        "UPDATE key_version SET status = 'retired', retired_at = now() WHERE tenant_id = '"
            + tenant.value()
            + "'");

    Optional<KeyVersion> seen =
        within(
            BOUND,
            () -> cached.find(name),
            found -> found.orElseThrow().status() == KeyStatus.RETIRED);
    assertThat(seen.orElseThrow().status()).isEqualTo(KeyStatus.RETIRED);
  }
}
