package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.signet.domain.access.ApiKey;
import io.signet.domain.signing.SigningInput;
import io.signet.domain.tenant.Tenant;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Statuses, headers and limits the server has on every route of a kind are in the API document
 * (read from the jar's resource, no server): what {@code OpenApiIT} cannot provoke (a stalled
 * database) or would only find route by route. Each rule names the server code that makes it true.
 */
class ApiDocumentTest {
  private static JsonNode doc;

  @BeforeAll
  static void read() throws IOException {
    try (InputStream in =
        ApiDocumentTest.class
            .getClassLoader()
            .getResourceAsStream(ApiDocumentController.DOCUMENT)) {
      assertThat(in).isNotNull();
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  /** Micronaut's max-request-size holds for every route that reads a body. */
  @Test
  void everyOperationThatTakesABodyDocumentsTheServersBodyLimit() {
    List<String> missing = new ArrayList<>();
    for (Operation op : operations()) {
      if (op.node().has("requestBody")
          && !op.path().equals("/auth")
          && !op.node().path("responses").has("413")) {
        missing.add(op.toString());
      }
    }
    assertThat(missing).as("operations with a body and no 413").isEmpty();
  }

  /** WalletErrorShape answers an oversized login body 400 invalid_request, never 413. */
  @Test
  void walletLoginHasNo413() {
    assertThat(operation("/auth", "post").path("responses").has("413")).isFalse();
  }

  /**
   * The public key routes read the service keys from the database (PublishedServiceKeys), and
   * /auth/me looks an unknown kid up there (ServiceJwtKeys): a database that does not answer is
   * 503.
   */
  @Test
  void publicRoutesThatReadTheDatabaseDocument503() {
    assertThat(operation("/v1/signing-keys", "get").path("responses").has("503")).isTrue();
    assertThat(operation("/.well-known/jwks.json", "get").path("responses").has("503")).isTrue();
    assertThat(operation("/auth/me", "get").path("responses").has("503")).isTrue();
  }

  /** VersionMinting holds only tenants to the daily creation quota; the admin API has no budget. */
  @Test
  void operatorKeyCreationIsNeverRateLimited() {
    for (String action : List.of("generate", "rotate")) {
      JsonNode op = operation("/admin/v1/tenants/{tenantId}/keys/" + action, "post");
      assertThat(op.path("responses").has("429")).as(action).isFalse();
    }
  }

  /** ErrorResponses sets Retry-After on every 429, the wallet routes' included. */
  @Test
  void every429DocumentsRetryAfter() {
    List<String> missing = new ArrayList<>();
    for (Operation op : operations()) {
      JsonNode limited = op.node().path("responses").path("429");
      if (!limited.isMissingNode() && !resolve(limited).path("headers").has("Retry-After")) {
        missing.add(op.toString());
      }
    }
    assertThat(missing).as("429 without Retry-After").isEmpty();
  }

  /** Limits the domain enforces on what the request bodies carry. */
  @Test
  void documentsTheLimitsTheServerEnforces() {
    JsonNode tenant =
        operation("/admin/v1/tenants", "post")
            .at("/requestBody/content/application~1json/schema/properties/name");
    JsonNode keyName =
        operation("/admin/v1/tenants/{tenantId}/api-keys", "post")
            .at("/requestBody/content/application~1json/schema/properties/name");
    JsonNode schemas = doc.path("components").path("schemas");
    assertThat(tenant.path("maxLength").asInt()).isEqualTo(Tenant.MAX_NAME_LENGTH);
    assertThat(keyName.path("maxLength").asInt()).isEqualTo(ApiKey.MAX_NAME_LENGTH);
    assertThat(schemas.at("/KeyVersionNumber/maximum").asLong()).isEqualTo(Integer.MAX_VALUE);
    // the base64 length of SigningInput.MAX_CONTEXT_BYTES bytes
    assertThat(schemas.at("/Context/maxLength").asInt())
        .isEqualTo(4 * ((SigningInput.MAX_CONTEXT_BYTES + 2) / 3));
  }

  private record Operation(String path, String method, JsonNode node) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  private static List<Operation> operations() {
    List<Operation> all = new ArrayList<>();
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          if (!op.getKey().equals("parameters")) {
                            all.add(new Operation(path.getKey(), op.getKey(), op.getValue()));
                          }
                        }));
    return all;
  }

  private static JsonNode operation(String path, String method) {
    JsonNode op = doc.path("paths").path(path).path(method);
    assertThat(op.isMissingNode()).as("%s %s is documented", method, path).isFalse();
    return op;
  }

  /** A response object, its {@code $ref} (within the document) followed. */
  private static JsonNode resolve(JsonNode node) {
    JsonNode at = node;
    while (at.has("$ref")) at = doc.at(at.get("$ref").asText().substring(1));
    return at;
  }
}
