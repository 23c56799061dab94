package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The production logging configuration ({@code logback.xml}, the one in the jar) writes JSON lines
 * unless {@code SIGNET_LOG_FORMAT=text} asks for the human format.
 */
class LogFormatTest {

  private static List<Appender<?>> rootAppenders(String format) throws Exception {
    String previous = System.getProperty("SIGNET_LOG_FORMAT");
    try {
      if (format == null) System.clearProperty("SIGNET_LOG_FORMAT");
      else System.setProperty("SIGNET_LOG_FORMAT", format);
      LoggerContext context = new LoggerContext();
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(LogFormatTest.class.getResource("/logback.xml"));
      List<Appender<?>> appenders = new ArrayList<>();
      context
          .getLogger(Logger.ROOT_LOGGER_NAME)
          .iteratorForAppenders()
          .forEachRemaining(appenders::add);
      context.stop();
      return appenders;
    } finally {
      if (previous == null) System.clearProperty("SIGNET_LOG_FORMAT");
      else System.setProperty("SIGNET_LOG_FORMAT", previous);
    }
  }

  @Test
  void writesJsonLinesByDefault() throws Exception {
    assertThat(System.getenv("SIGNET_LOG_FORMAT")).as("this test needs it unset").isNull();
    List<Appender<?>> appenders = rootAppenders(null);
    assertThat(appenders).hasSize(1);
    assertThat(((ConsoleAppender<?>) appenders.getFirst()).getEncoder())
        .isInstanceOf(JsonEncoder.class);
  }

  @Test
  void writesTextWhenAsked() throws Exception {
    List<Appender<?>> appenders = rootAppenders("text");
    assertThat(appenders).hasSize(1);
    assertThat(((ConsoleAppender<?>) appenders.getFirst()).getEncoder())
        .isInstanceOf(LayoutWrappingEncoder.class)
        .isNotInstanceOf(JsonEncoder.class);
  }
}
