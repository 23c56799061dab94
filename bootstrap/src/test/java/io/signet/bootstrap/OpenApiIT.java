package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.signet.adapter.rest.RawHttp;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /openapi.yaml} is a valid OpenAPI 3.1 document that names exactly the routes the server
 * has, and real responses of every operation (successes and errors) are documented for their status
 * and validate against the document's schemas (JSON Schema 2020-12).
 */
class OpenApiIT {
  private static final String DOC_ID = "urn:signet:openapi";
  @RegisterExtension static final SignetApp app = SignetApp.start();
  private static String yaml;
  private static JsonNode doc;
  private static SchemaRegistry schemas;
  private static final List<String> checked = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    RawHttp.Reply reply = app.http.send("GET", "/openapi.yaml", Map.of(), (String) null);
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/yaml");
    yaml = reply.body();
    doc = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    String json = new ObjectMapper().writeValueAsString(doc);
    schemas =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(DOC_ID, json)));
  }

  @Test
  void isAValidOpenApi31Document() {
    SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml, null, null);
    assertThat(parsed.getMessages()).isEmpty();
    assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
  }

  @Test
  void documentsExactlyTheRoutesTheServerHas() {
    Set<String> served = new TreeSet<>();
    for (UriRouteInfo<?, ?> route : app.bean(Router.class).uriRoutes().toList()) {
      String method = route.getHttpMethodName();
      String path = route.getUriMatchTemplate().toPathString();
      if (method.equals("HEAD")) continue; // answered for every GET by the framework
      if (path.equals("/health/{selector}")) {
        // the health endpoint's one route serves the two probes the document names
        served.add(method + " /health/liveness");
        served.add(method + " /health/readiness");
      } else {
        served.add(method + " " + path);
      }
    }
    Set<String> documented = new TreeSet<>();
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (!op.getKey().equals("parameters")) {
                            documented.add(
                                op.getKey().toUpperCase(java.util.Locale.ROOT)
                                    + " "
                                    + path.getKey());
                          }
                        }));
    assertThat(served).hasSizeGreaterThan(20);
    assertThat(documented).as("documented routes").containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void realResponsesOfEveryOperationMatchTheDocument() {
    Map<String, String> admin = SignetApp.AS_ADMIN_JSON;
    var tenant =
        call("POST", "/admin/v1/tenants", "/admin/v1/tenants", admin, "{\"name\":\"oas\"}", 201);
    String tenantId = (String) tenant.data().get("tenant_id");
    call("POST", "/admin/v1/tenants", "/admin/v1/tenants", admin, "{\"name\":1}", 400);
    call(
        "POST",
        "/admin/v1/tenants",
        "/admin/v1/tenants",
        Map.of("Content-Type", "application/json"),
        "{}",
        401);
    call("GET", "/admin/v1/tenants", "/admin/v1/tenants", admin, null, 200);
    String apiKeys = "/admin/v1/tenants/{tenantId}/api-keys";
    String keyBody = "{\"scopes\":[\"sign\",\"verify\",\"keys:read\",\"keys:manage\"]}";
    var issued =
        call("POST", "/admin/v1/tenants/" + tenantId + "/api-keys", apiKeys, admin, keyBody, 201);
    String apiKey = (String) issued.data().get("api_key");
    var readOnly =
        call(
            "POST",
            "/admin/v1/tenants/" + tenantId + "/api-keys",
            apiKeys,
            admin,
            "{\"scopes\":[\"keys:read\"]}",
            201);
    Map<String, String> tenantCaller =
        Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
    Map<String, String> reader =
        Map.of(
            "X-API-Key",
            (String) readOnly.data().get("api_key"),
            "Content-Type",
            "application/json");

    call("GET", "/api/v1/me", "/api/v1/me", tenantCaller, null, 200);
    call("GET", "/api/v1/me", "/api/v1/me", Map.of(), null, 401);
    String keys = "/api/v1/kms/keys";
    call(
        "POST",
        keys + "/generate",
        keys + "/generate",
        tenantCaller,
        "{\"algorithm\":\"Dilithium3\"}",
        201);
    call(
        "POST",
        keys + "/generate",
        keys + "/generate",
        tenantCaller,
        "{\"algorithm\":\"Dilithium3\"}",
        409);
    call("POST", keys + "/generate", keys + "/generate", reader, "{}", 403);
    call("POST", keys + "/rotate", keys + "/rotate", tenantCaller, "{}", 200);
    call("GET", keys + "?algorithm=Dilithium3", keys, tenantCaller, null, 200);
    call("GET", keys + "/active?algorithm=Dilithium3", keys + "/active", tenantCaller, null, 200);
    call("POST", keys + "/retire", keys + "/retire", tenantCaller, "{\"key_version\":2}", 200);
    call("POST", keys + "/archive", keys + "/archive", tenantCaller, "{\"key_version\":1}", 200);
    call(
        "GET",
        keys + "/active?algorithm=Composite-ML-DSA",
        keys + "/active",
        tenantCaller,
        null,
        404);
    String adminKeys = "/admin/v1/tenants/{tenantId}/keys/";
    String tenantKeys = "/admin/v1/tenants/" + tenantId + "/keys/";
    call(
        "POST",
        tenantKeys + "generate",
        adminKeys + "generate",
        admin,
        "{\"algorithm\":\"Composite-ML-DSA\"}",
        201);
    call(
        "POST",
        tenantKeys + "rotate",
        adminKeys + "rotate",
        admin,
        "{\"algorithm\":\"Composite-ML-DSA\"}",
        200);
    call(
        "POST",
        tenantKeys + "retire",
        adminKeys + "retire",
        admin,
        "{\"algorithm\":\"Composite-ML-DSA\",\"key_version\":2}",
        200);
    call(
        "POST",
        tenantKeys + "archive",
        adminKeys + "archive",
        admin,
        "{\"algorithm\":\"Composite-ML-DSA\",\"key_version\":1}",
        200);
    call(
        "POST",
        tenantKeys + "generate",
        adminKeys + "generate",
        admin,
        "{\"algorithm\":\"Dilithium3\"}",
        201);
    call(
        "PUT",
        "/admin/v1/tenants/" + tenantId + "/key-policy",
        "/admin/v1/tenants/{tenantId}/key-policy",
        admin,
        "{\"rotate_after_days\":90}",
        200);
    // a body over the server's limit is 413 on every route that reads one (the wallet's aside)
    String overLimit = "{\"algorithm\":\"" + "A".repeat(4 * 1024 * 1024) + "\"}";
    call("POST", keys + "/generate", keys + "/generate", tenantCaller, overLimit, 413);
    call("POST", keys + "/archive", keys + "/archive", tenantCaller, overLimit, 413);
    call("POST", tenantKeys + "rotate", adminKeys + "rotate", admin, overLimit, 413);
    call(
        "PUT",
        "/admin/v1/tenants/" + tenantId + "/key-policy",
        "/admin/v1/tenants/{tenantId}/key-policy",
        admin,
        overLimit,
        413);

    String message = Base64.getEncoder().encodeToString("openapi".getBytes(StandardCharsets.UTF_8));
    String hash = Base64.getEncoder().encodeToString(new byte[64]);
    String sig = "/api/v1/signature/";
    var signed =
        call(
            "POST",
            sig + "sign",
            sig + "sign",
            tenantCaller,
            "{\"message\":\"" + message + "\",\"key_version\":3}",
            200);
    String signature = (String) signed.data().get("signature");
    call(
        "POST",
        sig + "sign",
        sig + "sign",
        tenantCaller,
        "{\"message\":\"%%\",\"key_version\":3}",
        400);
    call(
        "POST",
        sig + "sign",
        sig + "sign",
        tenantCaller,
        "{\"message\":\"" + message + "\",\"key_version\":9}",
        404);
    call("POST", sig + "sign", sig + "sign", tenantCaller, "not json", 400);
    call(
        "POST",
        sig + "verify",
        sig + "verify",
        tenantCaller,
        "{\"message\":\"" + message + "\",\"signature\":\"" + signature + "\",\"key_version\":3}",
        200);
    var signedHash =
        call(
            "POST",
            sig + "sign-hash",
            sig + "sign-hash",
            tenantCaller,
            "{\"hash\":\"" + hash + "\",\"hash_algorithm\":\"SHA-512\",\"key_version\":3}",
            200);
    call(
        "POST",
        sig + "sign-hash",
        sig + "sign-hash",
        tenantCaller,
        "{\"hash\":\"" + hash + "\",\"hash_algorithm\":\"SHA-256\",\"key_version\":3}",
        400);
    call(
        "POST",
        sig + "verify-hash",
        sig + "verify-hash",
        tenantCaller,
        "{\"hash\":\""
            + hash
            + "\",\"hash_algorithm\":\"SHA-512\",\"signature\":\""
            + signedHash.data().get("signature")
            + "\",\"key_version\":3}",
        200);

    String item = "{\"message\":\"" + message + "\",\"key_version\":3}";
    var batch =
        call(
            "POST",
            sig + "sign-batch",
            sig + "sign-batch",
            tenantCaller,
            "{\"items\":[" + item + ",{\"message\":\"%%\",\"key_version\":3}]}",
            200);
    call("POST", sig + "sign-batch", sig + "sign-batch", tenantCaller, "{\"items\":[]}", 400);
    @SuppressWarnings("unchecked")
    var first =
        (Map<String, Object>)
            ((Map<String, Object>) ((List<?>) batch.data().get("results")).getFirst()).get("data");
    call(
        "POST",
        sig + "verify-batch",
        sig + "verify-batch",
        tenantCaller,
        "{\"items\":[{\"message\":\""
            + message
            + "\",\"signature\":\""
            + first.get("signature")
            + "\",\"key_version\":3}]}",
        200);

    // service keys, receipts and attestation (issue 9)
    String nonce = "ab".repeat(32);
    String report = "/v1/attestation/report";
    call("GET", report + "?nonce=" + nonce, report, tenantCaller, null, 200);
    call("GET", report + "?nonce=" + nonce + "&signing_algo=rsa", report, reader, null, 200);
    call("GET", report + "?nonce=12", report, tenantCaller, null, 400);
    call("GET", report + "?nonce=" + nonce, report, Map.of(), null, 401);
    call(
        "GET",
        report + "?nonce=" + nonce + "&signing_address=0x00",
        report,
        tenantCaller,
        null,
        404);
    String attest = keys + "/attestation";
    call(
        "GET",
        attest + "?algorithm=Dilithium3&key_version=3&nonce=" + nonce,
        attest,
        tenantCaller,
        null,
        200);
    call(
        "GET",
        attest + "?algorithm=Dilithium3&key_version=99&nonce=" + nonce,
        attest,
        tenantCaller,
        null,
        404);
    String receipt = "/v1/signature/{requestId}";
    String receiptOf = "/v1/signature/" + signed.header("X-Request-Id");
    call("GET", receiptOf, receipt, tenantCaller, null, 403);
    call("GET", "/v1/signing-keys", "/v1/signing-keys", Map.of(), null, 200);
    call("GET", "/.well-known/jwks.json", "/.well-known/jwks.json", Map.of(), null, 200);
    call("GET", "/admin/v1/service-keys", "/admin/v1/service-keys", admin, null, 200);
    String rotate = "/admin/v1/service-keys/{purpose}/rotate";
    call("POST", "/admin/v1/service-keys/jwt/rotate", rotate, admin, "{}", 200);
    call("POST", "/admin/v1/service-keys/nope/rotate", rotate, admin, "{}", 404);
    call("POST", "/admin/v1/service-keys/jwt/rotate", rotate, admin, "{\"x\":1}", 400);
    call("GET", "/admin/v1/audit?tenant_id=" + tenantId, "/admin/v1/audit", admin, null, 200);
    String keyId = (String) readOnly.data().get("key_id");
    call("DELETE", "/admin/v1/api-keys/" + keyId, "/admin/v1/api-keys/{keyId}", admin, null, 200);
    call("GET", "/health/liveness", "/health/liveness", Map.of(), null, 200);
    call("GET", "/health/readiness", "/health/readiness", Map.of(), null, 200);
    call("GET", "/health", "/health", Map.of(), null, 200);
    call("GET", "/swagger-ui/assets/nope.js", "/swagger-ui/assets/{file}", Map.of(), null, 404);
    assertThat(checked).hasSizeGreaterThan(35);
  }

  /** Sends a request, checks its status, and validates the JSON body against the document. */
  private static RawHttp.Reply call(
      String method,
      String path,
      String template,
      Map<String, String> headers,
      String body,
      int status) {
    RawHttp.Reply reply = app.http.send(method, path, headers, body);
    assertThat(reply.status()).as("%s %s: %s", method, path, reply.body()).isEqualTo(status);
    JsonNode operation =
        doc.path("paths").path(template).path(method.toLowerCase(java.util.Locale.ROOT));
    assertThat(operation.isMissingNode()).as("%s %s is documented", method, template).isFalse();
    JsonNode response = operation.path("responses").path(Integer.toString(status));
    assertThat(response.isMissingNode())
        .as("status %d of %s %s is documented", status, method, template)
        .isFalse();
    String pointer =
        "#/paths/"
            + escape(template)
            + "/"
            + method.toLowerCase(java.util.Locale.ROOT)
            + "/responses/"
            + status;
    if (response.has("$ref")) pointer = response.get("$ref").asText();
    Schema schema =
        schemas.getSchema(
            SchemaLocation.of(DOC_ID + pointer + "/content/application~1json/schema"));
    try {
      var errors = schema.validate(new ObjectMapper().readTree(reply.body()));
      assertThat(errors).as("%s %s %d: %s", method, path, status, reply.body()).isEmpty();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(method + " " + path + " answered no JSON: " + reply.body(), e);
    }
    checked.add(method + " " + template + " " + status);
    return reply;
  }

  private static String escape(String template) {
    return template.replace("~", "~0").replace("/", "~1").replace("{", "%7B").replace("}", "%7D");
  }
}
