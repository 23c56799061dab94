package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The container image in the multi-instance set-up of {@code deploy/compose}: PostgreSQL, two
 * Signet instances on one SoftHSM2 token directory, HAProxy in front. Builds the images
 * (scripts/container-image: podman where installed, else Docker), starts the set-up on free ports,
 * creates a tenant through the load balancer, rotates on one instance, signs and verifies through
 * the other, then stops one instance under load: clients see nothing but connection failures they
 * retry, and the stopped instance's readiness went DOWN before it stopped answering.
 */
class ContainerSmokeIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path LOGS = Path.of("target", "container-smoke").toAbsolutePath();
  private static final String PROJECT = "signet-smoke-" + ProcessHandle.current().pid();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * podman (and podman-compose) where installed, as scripts/container-image decides; else Docker.
   */
  private static final boolean DOCKER = !podmanInstalled();

  private static Map<String, String> ports;
  private static String lb;
  private static String first;
  private static String second;
  private static String adminToken;

  private static boolean podmanInstalled() {
    try {
      return new ProcessBuilder("podman", "--version").redirectErrorStream(true).start().waitFor()
          == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static List<String> compose(String... args) {
    List<String> command = new ArrayList<>();
    if (DOCKER) {
      command.addAll(List.of("docker", "compose"));
    } else {
      command.add("podman-compose");
    }
    command.addAll(List.of("-p", PROJECT, "-f", "deploy/compose/compose.yaml"));
    command.addAll(List.of(args));
    return command;
  }

  private static void run(String log, int timeoutSeconds, List<String> command) throws Exception {
    Files.createDirectories(LOGS);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(LOGS.resolve(log).toFile()));
    builder.environment().putAll(ports);
    if (!DOCKER) {
      builder
          .environment()
          .putIfAbsent(
              "CONTAINERS_CONF",
              ROOT.resolve("scripts/container-engine/containers.conf").toString());
    }
    Process process = builder.start();
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s; see " + log);
    }
    assertThat(process.exitValue()).as("%s (log: %s)", command, LOGS.resolve(log)).isZero();
  }

  @BeforeAll
  static void start() throws Exception {
    ports = new HashMap<>();
    ports.put("SIGNET_LB_PORT", Integer.toString(Processes.freePort()));
    ports.put("SIGNET_1_PORT", Integer.toString(Processes.freePort()));
    ports.put("SIGNET_2_PORT", Integer.toString(Processes.freePort()));
    lb = "http://127.0.0.1:" + ports.get("SIGNET_LB_PORT");
    first = "http://127.0.0.1:" + ports.get("SIGNET_1_PORT");
    second = "http://127.0.0.1:" + ports.get("SIGNET_2_PORT");
    run("image.log", 600, List.of(ROOT.resolve("scripts/container-image").toString()));
    adminToken =
        Files.readString(ROOT.resolve("deploy/compose/secrets/admin-token"), StandardCharsets.UTF_8)
            .strip();
    run("compose-up.log", 300, compose("up", "-d"));
    awaitReady(first, 180);
    awaitReady(second, 180);
    awaitReady(lb, 60);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      run("compose-logs.log", 60, compose("logs"));
    } finally {
      run("compose-down.log", 120, compose("down", "-v"));
    }
  }

  private static void awaitReady(String base, int seconds) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      try {
        if (send("GET", base + "/health/readiness", Map.of(), null).statusCode() == 200) return;
      } catch (IOException notYet) {
        // starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError(base + " not ready in " + seconds + " s; see " + LOGS);
  }

  private static HttpResponse<String> send(
      String method, String url, Map<String, String> headers, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(request::header);
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode data(HttpResponse<String> response, int status) throws IOException {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body()).path("data");
  }

  @Test
  void servesSeveralInstancesBehindTheLoadBalancerAndLosesNoRequestWhenOneStops() throws Exception {
    Map<String, String> admin =
        Map.of("Authorization", "Bearer " + adminToken, "Content-Type", "application/json");
    String tenant =
        data(
                send(
                    "POST",
                    lb + "/admin/v1/tenants",
                    admin,
                    "{\"name\":\"smoke\",\"plan\":\"enterprise\"}"),
                201)
            .path("tenant_id")
            .asText();
    String apiKey =
        data(
                send(
                    "POST",
                    lb + "/admin/v1/tenants/" + tenant + "/api-keys",
                    admin,
                    "{\"scopes\":[\"sign\",\"verify\",\"keys:manage\",\"keys:read\"]}"),
                201)
            .path("api_key")
            .asText();
    Map<String, String> caller = Map.of("X-API-Key", apiKey, "Content-Type", "application/json");

    data(send("POST", first + "/api/v1/kms/keys/generate", caller, "{}"), 201);
    JsonNode rotated = data(send("POST", first + "/api/v1/kms/keys/rotate", caller, "{}"), 200);
    assertThat(rotated.path("active").path("key_version").asInt()).isEqualTo(2);

    String message = Base64.getEncoder().encodeToString("smoke".getBytes(StandardCharsets.UTF_8));
    String signature =
        data(
                send(
                    "POST",
                    second + "/api/v1/signature/sign",
                    caller,
                    "{\"message\":\"" + message + "\",\"key_version\":2}"),
                200)
            .path("signature")
            .asText();
    String verify =
        "{\"message\":\"" + message + "\",\"signature\":\"" + signature + "\",\"key_version\":2}";
    assertThat(
            data(send("POST", second + "/api/v1/signature/verify", caller, verify), 200)
                .path("valid")
                .asBoolean())
        .isTrue();

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger retried = new AtomicInteger();
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> load = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      load.add(
          clients.submit(
              () -> {
                while (running.get()) {
                  for (int attempt = 1; ; attempt++) {
                    try {
                      HttpResponse<String> r =
                          send("POST", lb + "/api/v1/signature/verify", caller, verify);
                      if (r.statusCode() == 200 && r.body().contains("\"valid\":true")) {
                        ok.incrementAndGet();
                      } else {
                        errors.add(r.statusCode() + " " + r.body());
                      }
                      break;
                    } catch (IOException connectionFailure) {
                      retried.incrementAndGet();
                      if (attempt == 5) {
                        errors.add("gave up after 5 connection failures: " + connectionFailure);
                        break;
                      }
                    }
                  }
                }
                return null;
              }));
    }
    Thread.sleep(2000);

    List<String> readiness = Collections.synchronizedList(new ArrayList<>());
    Thread watcher =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    String state;
                    try {
                      state =
                          Integer.toString(
                              send("GET", second + "/health/readiness", Map.of(), null)
                                  .statusCode());
                    } catch (IOException e) {
                      state = "gone";
                    } catch (InterruptedException e) {
                      return;
                    }
                    if (readiness.isEmpty() || !readiness.getLast().equals(state))
                      readiness.add(state);
                    if (state.equals("gone")) return;
                    try {
                      Thread.sleep(50);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    int before = ok.get();
    run("compose-stop.log", 120, compose("stop", "signet-2"));
    Thread.sleep(3000);
    running.set(false);
    for (Future<?> f : load) f.get(60, TimeUnit.SECONDS);
    clients.shutdown();
    watcher.join(10_000);

    assertThat(errors)
        .as("answers other than 200 valid, after %d retried connection failures", retried.get())
        .isEmpty();
    assertThat(ok.get())
        .as("verifications through the load balancer")
        .isGreaterThan(before)
        .isGreaterThan(20);
    assertThat(readiness).as("readiness of the stopped instance, in order").startsWith("200");
    assertThat(readiness.indexOf("503"))
        .as("readiness went DOWN (503): %s", readiness)
        .isPositive();
    assertThat(readiness.getLast()).isEqualTo("gone");
    Files.writeString(
        LOGS.resolve("result.txt"),
        "ok=" + ok + " retried=" + retried + " readiness=" + readiness + "\n");
  }
}
