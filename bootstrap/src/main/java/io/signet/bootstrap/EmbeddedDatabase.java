package io.signet.bootstrap;

import io.signet.application.StartupFailure;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL for a single machine (io.zonky's server binaries), started only when
 * asked for with {@code SIGNET_EMBEDDED_DATABASE=true}; with neither that nor {@code
 * DATASOURCES_DEFAULT_URL} Signet refuses to start, so a production start whose database setting
 * went missing never runs on an empty local database.
 *
 * <p>It is as durable as a real one ({@code fsync}, {@code synchronous_commit} and {@code
 * full_page_writes} on, whatever zonky's defaults), closed (it listens on 127.0.0.1 only, no unix
 * socket, and every login needs the SCRAM password generated into a 0600 file; the server process
 * gets an empty environment, so no Signet secret can be read from it) and supervised (when the
 * server process dies, it is started again, and the connection pool reconnects by itself).
 */
final class EmbeddedDatabase implements AutoCloseable {
  static final String FLAG = "SIGNET_EMBEDDED_DATABASE";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String USER = "postgres";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofSeconds(10);

  private final Path binaries;
  private final Path data;
  private final Path log;
  private final int port;
  private final String password;
  private final boolean asRoot;
  private volatile Process server;
  private volatile boolean closing;
  private final AtomicInteger restarts = new AtomicInteger();

  private EmbeddedDatabase(Path binaries, Path dir, int port, String password) throws IOException {
    this.binaries = binaries;
    this.data = dir.resolve("data");
    this.log = dir.resolve("postgres.log");
    this.port = port;
    this.password = password;
    this.asRoot = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
  }

  /**
   * Starts the embedded database when {@code SIGNET_EMBEDDED_DATABASE=true}; returns empty when a
   * database is configured; refuses (a {@link StartupFailure}) when neither or both are.
   */
  static Optional<EmbeddedDatabase> startIfRequested() throws IOException {
    String flag = setting(FLAG, "signet.embedded-database");
    boolean configured = setting("DATASOURCES_DEFAULT_URL", "datasources.default.url") != null;
    if (flag != null && !flag.equals("true") && !flag.equals("false")) {
      throw new StartupFailure(FLAG + " must be true or false");
    }
    boolean asked = "true".equals(flag);
    if (asked && configured) {
      throw new StartupFailure(
          "both DATASOURCES_DEFAULT_URL and " + FLAG + "=true are set: choose one database");
    }
    if (configured) return Optional.empty();
    if (!asked) {
      throw new StartupFailure(
          "no database configured: set DATASOURCES_DEFAULT_URL (with _USERNAME and _PASSWORD),"
              + " or "
              + FLAG
              + "=true for an embedded PostgreSQL under ./var/ (scripts/run sets it)");
    }
    Path dir =
        Path.of(
                Optional.ofNullable(setting("SIGNET_EMBEDDED_POSTGRES_DIR", null))
                    .orElse("var/postgres"))
            .toAbsolutePath();
    String port = setting("SIGNET_EMBEDDED_POSTGRES_PORT", "signet.embedded-postgres.port");
    return Optional.of(start(dir, port == null ? 0 : port(port)));
  }

  /**
   * Starts (creating it if new) the database in {@code dir} on {@code port} (0: a free one), and
   * its supervisor.
   */
  static EmbeddedDatabase start(Path dir, int port) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Path binaries = PostgresBinaries.unpack(dir.resolveSibling(dir.getFileName() + "-runtime"));
    Path secret = dir.resolve("password");
    boolean newSecret = !Files.exists(secret);
    String password = newSecret ? createSecret(secret) : Files.readString(secret).strip();
    EmbeddedDatabase db =
        new EmbeddedDatabase(binaries, dir, port == 0 ? freePort() : port, password);
    db.initialize(secret, newSecret);
    LOG.info("starting embedded PostgreSQL on 127.0.0.1:{} with data in {}", db.port, db.data);
    db.startServer(STARTUP);
    Thread.ofPlatform().daemon().name("embedded-postgres-supervisor").start(db::supervise);
    return db;
  }

  /** Micronaut properties that point the default datasource at this database. */
  Map<String, Object> properties() {
    return Map.of(
        "datasources.default.url", jdbcUrl(),
        "datasources.default.username", USER,
        "datasources.default.password", password);
  }

  /** The server process now running (it changes when the supervisor restarts it). */
  ProcessHandle process() {
    return server.toHandle();
  }

  int restarts() {
    return restarts.get();
  }

  /** Stops the server with a fast shutdown (in-flight transactions roll back, nothing is lost). */
  @Override
  public void close() {
    closing = true;
    Process p = server;
    if (p == null || !p.isAlive()) return;
    signalFastShutdown(p.toHandle());
  }

  /** SIGINT (PostgreSQL's fast shutdown), then SIGKILL if it has not stopped in time. */
  private static void signalFastShutdown(ProcessHandle server) {
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor();
      server.onExit().get(STOP.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException | java.util.concurrent.ExecutionException | TimeoutException e) {
      server.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.destroyForcibly();
    }
  }

  private String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?sslmode=disable";
  }

  /**
   * A new cluster gets SCRAM authentication and the superuser password from the secret file; a
   * cluster from an older Signet (trust authentication, no password) gets the password set in
   * single-user mode, which listens on nothing.
   */
  private void initialize(Path secret, boolean newSecret) throws IOException {
    stopOrphan();
    if (!Files.exists(data.resolve("PG_VERSION"))) {
      run(
          List.of(
              bin("initdb"),
              "-D",
              data.toString(),
              "-U",
              USER,
              "--auth=scram-sha-256",
              "--pwfile=" + secret,
              "-E",
              "UTF8",
              "--locale=C"),
          null);
    } else if (newSecret) {
      run(
          List.of(bin("postgres"), "--single", "-D", data.toString(), "postgres"),
          "ALTER ROLE " + USER + " PASSWORD '" + password + "';\n");
    }
    Files.writeString(
        data.resolve("pg_hba.conf"),
        """
        # Written by Signet at every start: SCRAM password over loopback TCP, nothing else.
        host all all 127.0.0.1/32 scram-sha-256
        """);
  }

  /**
   * A server left running by a Signet that was killed (kill -9 of the JVM leaves its child running)
   * still holds the data directory: it gets a fast shutdown before this start.
   */
  private void stopOrphan() throws IOException {
    Path pidFile = data.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) return;
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
    } catch (RuntimeException unreadable) {
      return; // PostgreSQL itself judges a stale or damaged lock file
    }
    Optional<ProcessHandle> orphan =
        ProcessHandle.of(pid).filter(p -> p.info().command().orElse("").endsWith("/bin/postgres"));
    if (orphan.isEmpty()) return;
    LOG.warn("stopping an embedded PostgreSQL left running by an earlier start (pid {})", pid);
    signalFastShutdown(orphan.get());
  }

  private void startServer(Duration wait) throws IOException {
    List<String> command = new ArrayList<>(List.of(bin("postgres"), "-D", data.toString()));
    for (String setting :
        List.of(
            "listen_addresses=127.0.0.1",
            "port=" + port,
            "unix_socket_directories=",
            "password_encryption=scram-sha-256",
            "fsync=on",
            "synchronous_commit=on",
            "full_page_writes=on",
            // after a crash, flush the data directory with one syncfs() instead of an fsync per
            // file: the same guarantee, and the restart takes a fraction of a second
            "recovery_init_sync_method=syncfs")) {
      command.add("-c");
      command.add(setting);
    }
    Instant deadline = Instant.now().plus(wait);
    int exit = 0;
    while (Instant.now().isBefore(deadline) && !closing) {
      Process p =
          builder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
      server = p;
      while (p.isAlive() && Instant.now().isBefore(deadline)) {
        try (var c = DriverManager.getConnection(jdbcUrl(), USER, password)) {
          return;
        } catch (SQLException notYet) {
          sleep(100);
        }
      }
      if (p.isAlive()) {
        p.destroyForcibly();
      } else {
        // An early exit is usually the previous server's processes still holding its shared
        // memory for a moment after a kill: try again until the deadline.
        exit = p.exitValue();
        sleep(200);
      }
    }
    throw new StartupFailure(
        "embedded PostgreSQL did not accept connections in "
            + wait.toSeconds()
            + " s (last exit code "
            + exit
            + "): see "
            + log);
  }

  /** Restarts the server whenever it dies, until {@link #close()}. */
  private void supervise() {
    while (!closing) {
      Process p = server;
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        return;
      }
      if (closing) return;
      LOG.warn("embedded PostgreSQL exited with {}; restarting it (see {})", p.exitValue(), log);
      while (!closing) {
        try {
          startServer(STARTUP);
          restarts.incrementAndGet();
          LOG.info("embedded PostgreSQL is back on 127.0.0.1:{}", port);
          break;
        } catch (IOException | RuntimeException e) {
          LOG.warn("embedded PostgreSQL did not restart ({}); trying again", e.getMessage());
        }
      }
    }
  }

  private void run(List<String> command, String input) throws IOException {
    Process p =
        builder(command).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try (var stdin = p.getOutputStream()) {
      if (input != null) stdin.write(input.getBytes(StandardCharsets.UTF_8));
    }
    try {
      if (!p.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new StartupFailure(
            "embedded PostgreSQL: "
                + Path.of(command.getFirst()).getFileName()
                + " failed: see "
                + log);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupFailure("interrupted while preparing the embedded PostgreSQL");
    }
  }

  /**
   * The child's environment is built from nothing: the PIN, the admin token and every other setting
   * of the service stay out of it (and out of {@code /proc/<pid>/environ}). As root, the server
   * runs in a new user namespace, where it is not root (PostgreSQL refuses to run as root).
   */
  private ProcessBuilder builder(List<String> command) {
    List<String> full = new ArrayList<>();
    if (asRoot) full.addAll(List.of("/usr/bin/unshare", "-U"));
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("LC_ALL", "C");
    builder.environment().put("TZ", "UTC");
    return builder;
  }

  private String bin(String name) {
    return binaries.resolve("bin").resolve(name).toString();
  }

  private static String createSecret(Path file) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret);
    return secret;
  }

  /** {@code SIGNET_EMBEDDED_POSTGRES_PORT}, read here before Micronaut (and its check) starts. */
  static int port(String value) {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65535) return port;
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new StartupFailure(
        "SIGNET_EMBEDDED_POSTGRES_PORT cannot be read: expected a TCP port, 0 (a free one) to 65535");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String setting(String env, String property) {
    String value = System.getenv(env);
    if ((value == null || value.isBlank()) && property != null)
      value = System.getProperty(property);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
