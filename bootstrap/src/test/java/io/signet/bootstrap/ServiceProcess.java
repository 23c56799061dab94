package io.signet.bootstrap;

import io.signet.adapter.pkcs11.SoftHsmTestToken;
import io.signet.adapter.rest.RawHttp;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** The jar started as an operator starts it, on the run's SoftHSM2 token and a free port. */
final class ServiceProcess implements AutoCloseable {
  final Process process;
  final RawHttp http;
  final URI base;

  private ServiceProcess(Process process, int port) {
    this.process = process;
    this.base = URI.create("http://localhost:" + port);
    this.http = new RawHttp(base);
  }

  /** Starts the jar with the token, the admin token and {@code extra}; waits until it is ready. */
  static ServiceProcess start(Path log, Map<String, String> extra) throws Exception {
    return start(log, extra, SoftHsmTestToken.get());
  }

  /** As {@link #start(Path, Map)}, on {@code token}. */
  static ServiceProcess start(Path log, Map<String, String> extra, SoftHsmTestToken token)
      throws Exception {
    int port = Processes.freePort();
    Map<String, String> env = new HashMap<>();
    env.put("SIGNET_PKCS11_LIBRARY", SoftHsmTestToken.LIBRARY);
    env.put("SIGNET_PKCS11_TOKEN_LABEL", token.label());
    env.put("SIGNET_PKCS11_PIN", token.pin());
    env.put("SIGNET_ADMIN_TOKEN", SignetApp.ADMIN_TOKEN);
    env.put("SIGNET_LIFECYCLE_ENABLED", "false");
    env.put("MICRONAUT_SERVER_PORT", Integer.toString(port));
    env.putAll(extra);
    ServiceProcess service =
        new ServiceProcess(
            Processes.start(log, env, Processes.JAVA.toString(), "-jar", Processes.JAR.toString()),
            port);
    service.awaitReadiness(200, Duration.ofMinutes(2));
    return service;
  }

  /** Polls readiness until it answers {@code status}; fails if the process exits first. */
  void awaitReadiness(int status, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) throw new AssertionError("signet exited with " + process.exitValue());
      if (readiness() == status) return;
      SigningLoad.sleep(100);
    }
    throw new AssertionError("readiness did not answer " + status + " within " + timeout);
  }

  /** The readiness status, or -1 while nothing answers. */
  int readiness() {
    try {
      return http.send("GET", "/health/readiness", Map.of(), (String) null).status();
    } catch (RuntimeException notListening) {
      return -1;
    }
  }

  /** Creates a tenant with a signing key and an active Dilithium3 version 1; returns the key. */
  String signingTenant() {
    var tenant =
        http.send("POST", "/admin/v1/tenants", SignetApp.AS_ADMIN_JSON, "{\"name\":\"load\"}");
    if (tenant.status() != 201) throw new AssertionError(tenant.body());
    var key =
        http.send(
            "POST",
            "/admin/v1/tenants/" + tenant.data().get("tenant_id") + "/api-keys",
            SignetApp.AS_ADMIN_JSON,
            "{\"scopes\":[\"sign\",\"keys:manage\"]}");
    if (key.status() != 201) throw new AssertionError(key.body());
    String apiKey = (String) key.data().get("api_key");
    var generated =
        http.send(
            "POST",
            "/api/v1/kms/keys/generate",
            Map.of("X-API-Key", apiKey, "Content-Type", "application/json"),
            "{\"algorithm\":\"Dilithium3\"}");
    if (generated.status() != 201) throw new AssertionError(generated.body());
    return apiKey;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      Processes.awaitExit(process, 60);
    }
  }
}
