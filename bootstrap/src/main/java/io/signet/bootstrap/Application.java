package io.signet.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.signet.application.StartupFailure;
import io.signet.domain.Causes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Starts Signet. The database is the configured one ({@code DATASOURCES_DEFAULT_URL}), or, only
 * when asked for with {@code SIGNET_EMBEDDED_DATABASE=true}, an embedded PostgreSQL under {@code
 * ./var/}; with neither, Signet refuses to start. A start-up failure is one line on stderr and exit
 * code 1, never a stack-trace wall: the full trace goes to the log at debug level only.
 *
 * <p>A stop (SIGTERM, Ctrl-C) runs in this order: readiness DOWN ({@link Stopping}), then the
 * context's graceful shutdown (the server stops accepting and in-flight requests finish, within
 * {@code micronaut.lifecycle.graceful-shutdown.grace-period}), then the beans close (the signing
 * log flushes, the pool closes), then the embedded database stops.
 */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("verify")) {
      // the offline verifier: no server, no database, no application context
      System.exit(
          OfflineVerifier.run(java.util.Arrays.copyOfRange(args, 1, args.length), System.out));
    }
    Optional<EmbeddedDatabase> embedded = Optional.empty();
    try {
      LogFormat.check();
      Map<String, Object> properties = new HashMap<>();
      embedded = EmbeddedDatabase.startIfRequested();
      embedded.ifPresent(db -> properties.putAll(db.properties()));
      properties.putAll(SecretFiles.properties(System.getenv()));
      ApplicationContext context =
          ApplicationContext.builder()
              .mainClass(Application.class)
              .args(args)
              .properties(properties)
              .start();
      Optional<EmbeddedDatabase> database = embedded;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    long stopStarted = System.nanoTime();
                    try {
                      context.getBean(Stopping.class).begin();
                    } catch (InterruptedException | RuntimeException e) {
                      // stop anyway
                    }
                    context.close();
                    database.ifPresent(EmbeddedDatabase::close);
                    LoggerFactory.getLogger(Application.class)
                        .info(
                            "Signet stopped in {} ms: requests drained, signing log committed,"
                                + " database pool closed",
                            (System.nanoTime() - stopStarted) / 1_000_000);
                  },
                  "signet-shutdown"));
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      LoggerFactory.getLogger(Application.class)
          .info("Signet listening on port {}", server.getPort());
    } catch (Throwable failure) {
      System.err.println("signet: cannot start: " + StartupReport.reason(failure));
      embedded.ifPresent(EmbeddedDatabase::close);
      System.exit(1);
    }
  }

  /** Finds the operator-facing reason in a start-up failure's cause chain. */
  static final class StartupReport {
    private StartupReport() {}

    static String reason(Throwable failure) {
      List<Throwable> chain = Causes.chain(failure);
      for (Throwable c : chain) {
        if (c instanceof StartupFailure) return c.getMessage();
      }
      Throwable deepest = chain.getLast();
      for (Throwable c : chain) {
        if (c instanceof java.sql.SQLException || c instanceof java.net.ConnectException) {
          return "the database is unreachable or refused the login (DATASOURCES_DEFAULT_URL,"
              + " _USERNAME, _PASSWORD): "
              + firstLine(c.getMessage());
        }
      }
      return deepest.getClass().getSimpleName() + ": " + firstLine(deepest.getMessage());
    }

    private static String firstLine(String message) {
      if (message == null) return "";
      int newline = message.indexOf('\n');
      return newline < 0 ? message : message.substring(0, newline);
    }
  }
}
