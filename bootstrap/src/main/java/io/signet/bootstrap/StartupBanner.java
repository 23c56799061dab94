package io.signet.bootstrap;

import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line when Signet is ready: version, commit, instance id, port, time since the JVM started,
 * the database (product, version, URL without its query, where credentials could hide) and the HSM
 * token (label, library). Never a secret: no password, PIN or token is read here.
 */
@Singleton
class StartupBanner {
  private static final Logger LOG = LoggerFactory.getLogger(StartupBanner.class);
  private final DataSource dataSource;
  private final InstanceIdentity instance;
  private final String tokenLabel;
  private final String library;

  StartupBanner(
      DataSource dataSource,
      InstanceIdentity instance,
      @Value("${signet.pkcs11.token-label:}") String tokenLabel,
      @Value("${signet.pkcs11.library:}") String library) {
    // the bean is transaction-aware (needs a transaction); the pool underneath is not
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    this.instance = instance;
    this.tokenLabel = tokenLabel;
    this.library = library;
  }

  @EventListener
  void onReady(ServerStartupEvent event) {
    LOG.info(
        "Signet {} (commit {}) instance {} ready on port {} in {} ms; database {}; HSM token '{}' via {}",
        version(),
        commit(),
        instance.id(),
        event.getSource().getPort(),
        ManagementFactory.getRuntimeMXBean().getUptime(),
        database(),
        tokenLabel,
        library);
  }

  private String database() {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      return meta.getDatabaseProductName()
          + " "
          + meta.getDatabaseProductVersion()
          + " at "
          + withoutQuery(meta.getURL())
          + " as "
          + meta.getUserName();
    } catch (SQLException e) {
      return "unreachable (" + e.getSQLState() + ")";
    }
  }

  static String withoutQuery(String url) {
    if (url == null) return "?";
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }

  /** The jar's version ({@code signet-build.properties}), or {@code unknown}. */
  static String version() {
    return properties("signet-build.properties").getProperty("version", "unknown");
  }

  /** The commit the jar was built from ({@code git.properties}), or {@code unknown}. */
  static String commit() {
    Properties git = properties("git.properties");
    return git.getProperty("git.commit.id.abbrev", "unknown")
        + ("true".equals(git.getProperty("git.dirty")) ? "-modified" : "");
  }

  private static Properties properties(String resource) {
    Properties properties = new Properties();
    try (InputStream in = StartupBanner.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) properties.load(in);
    } catch (IOException e) {
      LOG.debug("cannot read {}: {}", resource, e.getMessage());
    }
    return properties;
  }
}
