package io.signet.bootstrap;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.adapter.pkcs11.SoftHsmTestToken;
import io.signet.adapter.rest.RawHttp;
import io.signet.application.ServiceInstance;
import io.signet.application.UseCases;
import io.signet.application.port.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A whole Signet in this JVM, as the jar wires it, on the Testcontainers PostgreSQL and the run's
 * SoftHSM2 token, listening on a free port.
 *
 * <p>A test class that shares one Signet among its tests holds it as {@code @RegisterExtension
 * static final SignetApp app = SignetApp.start();}: started when the class is first used, closed
 * after its last test.
 */
public final class SignetApp implements AutoCloseable, AfterAllCallback {
  public static final String ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef01234567";
  public static final Map<String, String> AS_ADMIN_JSON =
      Map.of("Authorization", "Bearer " + ADMIN_TOKEN, "Content-Type", "application/json");

  final ApplicationContext context;
  final EmbeddedServer server;
  public final RawHttp http;

  private SignetApp(Map<String, Object> overrides) {
    Map<String, Object> properties = new HashMap<>(PostgresTestDatabase.properties());
    properties.putAll(SoftHsmTestToken.get().properties());
    properties.put("signet.admin.token", ADMIN_TOKEN);
    properties.put("micronaut.server.port", -1);
    properties.put("signet.lifecycle.enabled", false);
    properties.putAll(overrides);
    context =
        ApplicationContext.builder().mainClass(Application.class).properties(properties).start();
    server = context.getBean(EmbeddedServer.class).start();
    http = new RawHttp(server.getURI());
  }

  public static SignetApp start() {
    return new SignetApp(Map.of());
  }

  public static SignetApp start(Map<String, Object> overrides) {
    return new SignetApp(overrides);
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /**
   * This instance's use cases built again on its own ports and lifecycle settings, but with {@code
   * transactions} and {@code clock}: for tests of failing commits and of time passing.
   */
  public UseCases useCasesWith(Transactions transactions, Clock clock) {
    return new UseCases(
        bean(UseCases.Ports.class),
        transactions,
        bean(UseCases.Settings.class),
        clock,
        new SecureRandom(),
        bean(ServiceInstance.class));
  }

  /**
   * Signs {@code text} with version {@code version} of the API key's tenant's {@code algorithm} key
   * (null: the default algorithm); the HTTP status.
   */
  public int sign(String apiKey, String algorithm, int version, String text) {
    String message = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    return http.send(
            "POST",
            "/api/v1/signature/sign",
            Map.of("X-API-Key", apiKey, "Content-Type", "application/json"),
            "{\"message\":\""
                + message
                + "\",\"key_version\":"
                + version
                + (algorithm == null ? "" : ",\"algorithm\":\"" + algorithm + "\"")
                + "}")
        .status();
  }

  /** Generates the first version of {@code algorithm} for the API key's tenant (keys:manage). */
  public void generateKey(String apiKey, String algorithm) {
    var generated =
        http.send(
            "POST",
            "/api/v1/kms/keys/generate",
            Map.of("X-API-Key", apiKey, "Content-Type", "application/json"),
            "{\"algorithm\":\"" + algorithm + "\"}");
    if (generated.status() != 201) throw new AssertionError(generated.body());
  }

  /** Creates a tenant and an API key with the given scopes; returns {tenant_id, api_key}. */
  public String[] tenantWithKey(String name, String... scopes) {
    var tenant =
        http.send("POST", "/admin/v1/tenants", AS_ADMIN_JSON, "{\"name\":\"" + name + "\"}");
    if (tenant.status() != 201) throw new AssertionError(tenant.body());
    String tenantId = (String) tenant.data().get("tenant_id");
    String scopeList = String.join("\",\"", scopes);
    var key =
        http.send(
            "POST",
            "/admin/v1/tenants/" + tenantId + "/api-keys",
            AS_ADMIN_JSON,
            "{\"scopes\":[\"" + scopeList + "\"]}");
    if (key.status() != 201) throw new AssertionError(key.body());
    return new String[] {tenantId, (String) key.data().get("api_key")};
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    close();
  }

  @Override
  public void close() {
    server.stop();
    context.close();
  }
}
