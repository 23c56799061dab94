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
    String tenant =
        (String)
            http.send(
                    "POST",
                    "/admin/v1/tenants",
                    AdminApiTest.AS_ADMIN_JSON,
                    "{\"name\":\"" + name + "\",\"plan\":\"" + plan + "\"}")
                .data()
                .get("tenant_id");
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
