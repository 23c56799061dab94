package io.signet.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.signet.application.StartupFailure;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Starts Signet. With no database configured ({@code DATASOURCES_DEFAULT_URL}) it first starts an
 * embedded PostgreSQL under {@code ./var/}. A start-up failure is one line on stderr and exit code
 * 1, never a stack-trace wall: the full trace goes to the log at debug level only.
 */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    try {
      Map<String, Object> properties = new HashMap<>();
      EmbeddedDatabase.startIfUnconfigured().ifPresent(db -> properties.putAll(db.properties()));
      ApplicationContext context =
          ApplicationContext.builder()
              .mainClass(Application.class)
              .args(args)
              .properties(properties)
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    context.close();
                    EmbeddedDatabase.stopStarted();
                  },
                  "signet-shutdown"));
      EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
      LoggerFactory.getLogger(Application.class)
          .info("Signet listening on port {}", server.getPort());
    } catch (Throwable failure) {
      System.err.println("signet: cannot start: " + StartupReport.reason(failure));
      EmbeddedDatabase.stopStarted();
      System.exit(1);
    }
  }

  /** Finds the operator-facing reason in a start-up failure's cause chain. */
  static final class StartupReport {
    private StartupReport() {}

    static String reason(Throwable failure) {
      Throwable deepest = failure;
      for (Throwable c = failure; c != null; c = c.getCause()) {
        if (c instanceof StartupFailure) return c.getMessage();
        deepest = c;
      }
      for (Throwable c = failure; c != null; c = c.getCause()) {
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
