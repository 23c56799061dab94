package io.signet.bootstrap;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starting Signet the way an operator does: the jar or the README's run command, as a process. */
final class Processes {
  static final Path JAR = Path.of("target", "signet.jar").toAbsolutePath();
  static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

  private Processes() {}

  static Process start(Path log, Map<String, String> env, String... command) throws IOException {
    if (!Files.exists(JAR)) throw new IllegalStateException(JAR + " is missing: run mvn verify");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("DATASOURCES_") || k.startsWith("SIGNET_"));
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Waits for exit; returns the exit code, or fails when it does not exit in time. */
  static int awaitExit(Process process, int seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process did not exit within " + seconds + " s");
    }
    return process.exitValue();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
