package io.signet.adapter.rest;

import java.util.Map;

/** Tenants and their API keys made through the operator API, for the tenant routes' tests. */
final class TestCallers {
  private TestCallers() {}

  /**
   * A new tenant on {@code plan} and an API key of it with {@code scopes} (JSON strings, e.g.
   * {@code "\"sign\",\"verify\""}), as the headers of a JSON request.
   */
  static Map<String, String> caller(RawHttp http, String name, String plan, String scopes) {
    return keyHeaders(http, tenant(http, name, plan), scopes);
  }

  /** A new tenant named {@code name} on the default plan; its id. */
  static String tenant(RawHttp http, String name) {
    return createTenant(http, "{\"name\":\"" + name + "\"}");
  }

  /** A new tenant named {@code name} on {@code plan}; its id. */
  static String tenant(RawHttp http, String name, String plan) {
    return createTenant(http, "{\"name\":\"" + name + "\",\"plan\":\"" + plan + "\"}");
  }

  /** A new API key of {@code tenant} with {@code scopes}, as the headers of a JSON request. */
  static Map<String, String> apiKey(RawHttp http, String tenant, String... scopes) {
    return keyHeaders(http, tenant, "\"" + String.join("\",\"", scopes) + "\"");
  }

  private static String createTenant(RawHttp http, String body) {
    return (String)
        http.send("POST", "/admin/v1/tenants", AdminApiTest.AS_ADMIN_JSON, body)
            .data()
            .get("tenant_id");
  }

  private static Map<String, String> keyHeaders(RawHttp http, String tenant, String scopes) {
    String apiKey =
        (String)
            http.send(
                    "POST",
                    "/admin/v1/tenants/" + tenant + "/api-keys",
                    AdminApiTest.AS_ADMIN_JSON,
                    "{\"scopes\":[" + scopes + "]}")
                .data()
                .get("api_key");
    return Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
  }
}
