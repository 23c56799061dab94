package io.signet.adapter.persistence;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this instance's caches of API keys and key versions true: on a connection of its own
 * (outside the pool), it {@code LISTEN}s on {@code signet_cache}, where the database triggers of
 * migration V095 announce every committed change to an API key or a key version, and evicts the
 * named entry. Notifications are delivered to every listening instance within milliseconds of the
 * commit, and only once the change is visible, so the next read finds it.
 *
 * <p>Notifications sent while the connection was down are lost: after every (re)connection, once it
 * listens again, it clears both caches. Between the loss and the reconnection the caches' time to
 * live ({@link CacheSettings#ttl()}) bounds how long a change can go unseen. A half-open connection
 * is found by a validity check every couple of seconds.
 */
@Context
@Requires(property = "datasources.default.url")
@Requires(property = "signet.cache.enabled", notEquals = "false") // no cache, nothing to evict
public final class CacheInvalidation {
  static final String CHANNEL = "signet_cache";
  private static final Logger LOG = LoggerFactory.getLogger(CacheInvalidation.class);
  private static final int WAIT_MILLIS = 500;
  private static final long CHECK_EVERY_NANOS = 2_000_000_000L;
  private static final int CHECK_TIMEOUT_SECONDS = 2;

  private final CachedApiKeys apiKeys;
  private final CachedKeyVersions versions;
  private final CacheSettings settings;
  private final String url;
  private final Properties login = new Properties();
  private final AtomicLong connections = new AtomicLong();
  private final Thread listener;
  private volatile boolean running = true;
  private volatile boolean listening;
  private volatile Connection connection;

  CacheInvalidation(
      CachedApiKeys apiKeys,
      CachedKeyVersions versions,
      CacheSettings settings,
      DatabaseSettings bounds,
      @Value("${datasources.default.url}") String url,
      @Value("${datasources.default.username:}") String username,
      @Value("${datasources.default.password:}") String password) {
    this.apiKeys = apiKeys;
    this.versions = versions;
    this.settings = settings;
    this.url = url;
    if (!username.isEmpty()) login.setProperty("user", username);
    if (!password.isEmpty()) login.setProperty("password", password);
    // The listener's own connection opens within the same bound as the pool's.
    bounds.connectProperties().forEach(login::setProperty);
    login.setProperty("tcpKeepAlive", "true");
    login.setProperty("ApplicationName", "signet cache invalidation");
    this.listener =
        Thread.ofPlatform().name("signet-cache-invalidation").daemon().unstarted(this::run);
  }

  @PostConstruct
  void start() {
    listener.start();
  }

  /** True while this instance listens for changes (false until connected, and after a loss). */
  public boolean listening() {
    return listening;
  }

  /** How many times the listener has connected and started listening since the start. */
  public long connections() {
    return connections.get();
  }

  private void run() {
    while (running) {
      try (Connection c = new org.postgresql.Driver().connect(url, login)) {
        if (c == null) throw new SQLException("not a PostgreSQL URL");
        connection = c;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        // Whatever changed while nobody listened is unknown: start from empty caches.
        clearAll();
        listening = true;
        if (connections.incrementAndGet() > 1) LOG.info("cache invalidation listening again");
        listen(c);
      } catch (SQLException | RuntimeException e) {
        // Once per outage: the attempts that follow every reconnect delay would flood the log.
        if (running && listening) {
          LOG.warn(
              "cache invalidation lost its database connection ({}); reconnecting, caches are"
                  + " cleared once it listens again",
              e.getMessage());
        } else if (running) {
          LOG.debug("cache invalidation still cannot listen: {}", e.getMessage());
        }
      } finally {
        listening = false;
        connection = null;
      }
      pause();
    }
  }

  private void listen(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    long checked = System.nanoTime();
    while (running) {
      PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
      if (received != null) {
        for (PGNotification n : received) evict(n.getParameter());
      }
      if (System.nanoTime() - checked > CHECK_EVERY_NANOS) {
        if (!c.isValid(CHECK_TIMEOUT_SECONDS)) throw new SQLException("connection not valid");
        checked = System.nanoTime();
      }
    }
  }

  /** Evicts what {@code payload} names; anything it cannot read clears both caches. */
  void evict(String payload) {
    try {
      String[] parts = payload.split(":", -1);
      switch (parts[0]) {
        case "api_key" -> apiKeys.evict(new ApiKeyId(UUID.fromString(parts[1])));
        case "key_version" ->
            versions.evict(
                new KeyName(
                    new TenantId(UUID.fromString(parts[1])),
                    Algorithm.fromShortName(parts[2]),
                    Integer.parseInt(parts[3])));
        default -> clearAll();
      }
    } catch (RuntimeException e) {
      clearAll();
    }
  }

  private void clearAll() {
    apiKeys.clear();
    versions.clear();
  }

  private void pause() {
    try {
      Thread.sleep(settings.reconnectDelay());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    running = false;
    Connection c = connection;
    if (c != null) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing only to wake the listener; it is going away either way
      }
    }
    listener.interrupt();
    listener.join(5_000);
  }
}
