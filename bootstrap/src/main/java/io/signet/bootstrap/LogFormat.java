package io.signet.bootstrap;

import io.signet.application.StartupFailure;
import java.util.Set;

/**
 * {@code SIGNET_LOG_FORMAT}: {@code logback.xml} routes the root logger to the appender of that
 * name, so any other value would leave the service running with no log at all. It is checked before
 * anything else starts, and refused with one line.
 */
final class LogFormat {
  static final String VARIABLE = "SIGNET_LOG_FORMAT";
  private static final Set<String> FORMATS = Set.of("json", "text");

  private LogFormat() {}

  /** Refuses an unknown format, as logback reads it: a system property first, then the variable. */
  static void check() {
    String format = System.getProperty(VARIABLE);
    check(format != null ? format : System.getenv(VARIABLE));
  }

  static void check(String format) {
    if (format != null && !FORMATS.contains(format)) {
      throw new StartupFailure(VARIABLE + " must be json or text, not '" + format + "'");
    }
  }
}
