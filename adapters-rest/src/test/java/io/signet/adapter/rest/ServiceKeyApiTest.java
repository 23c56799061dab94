package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
class ServiceKeyApiTest {
  private static final Map<String, String> ADMIN =
      Map.of("Authorization", AdminApiTest.ADMIN, "Content-Type", "application/json");

  @Inject EmbeddedServer server;

  private RawHttp http() {
    return new RawHttp(server.getURI());
  }

  @Test
  @SuppressWarnings("unchecked")
  void servesReceiptKeysToAnyoneWithTheirAddresses() {
    var reply = http().send("GET", "/v1/signing-keys", Map.of(), "");
    assertThat(reply.status()).isEqualTo(200);
    List<Map<String, Object>> keys = (List<Map<String, Object>>) reply.json().get("keys");
    assertThat(keys)
        .extracting(k -> k.get("signing_algo"))
        .contains("ecdsa", "ecdsa-p256", "rsa", "ml-dsa");
    assertThat(keys)
        .allSatisfy(
            k -> {
              assertThat(k)
                  .containsOnlyKeys(
                      "purpose",
                      "signing_algo",
                      "version",
                      "status",
                      "signing_address",
                      "public_key",
                      "created_at");
              assertThat(k.get("purpose")).isEqualTo("receipts");
              assertThat((String) k.get("signing_address")).startsWith("0x");
            });
  }

  @Test
  void theReceiptKeysNeedNoKeyWithATrailingSlashEither() {
    var plain = http().send("GET", "/v1/signing-keys", Map.of(), "");
    var slashed = http().send("GET", "/v1/signing-keys/", Map.of(), "");
    assertThat(slashed.status()).isEqualTo(200);
    assertThat(slashed.json().get("keys")).isEqualTo(plain.json().get("keys"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void publishesTheJwtAndAttestationKeysAsJwks() {
    var reply = http().send("GET", "/.well-known/jwks.json", Map.of(), "");
    assertThat(reply.status()).isEqualTo(200);
    List<Map<String, Object>> keys = (List<Map<String, Object>>) reply.json().get("keys");
    assertThat(keys).extracting(k -> k.get("kid")).contains("jwt-ES256-v1", "attestation-ES256-v1");
    assertThat(keys)
        .allSatisfy(
            k ->
                assertThat(k)
                    .containsEntry("kty", "EC")
                    .containsEntry("crv", "P-256")
                    .containsEntry("use", "sig")
                    .containsEntry("alg", "ES256"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void letsTheOperatorListAndRotate() {
    assertThat(http().send("GET", "/admin/v1/service-keys", Map.of(), "").status()).isEqualTo(401);
    var rotated =
        http()
            .send(
                "POST",
                "/admin/v1/service-keys/receipts/rotate",
                ADMIN,
                "{\"signing_algo\":\"ecdsa-p256\"}");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    assertThat(rotated.data())
        .containsEntry("status", "current")
        .containsEntry("purpose", "receipts");
    var list = http().send("GET", "/admin/v1/service-keys", ADMIN, "");
    List<Map<String, Object>> keys = (List<Map<String, Object>>) list.data().get("keys");
    assertThat(keys)
        .filteredOn(k -> "ecdsa-p256".equals(k.get("signing_algo")))
        .extracting(k -> k.get("status"))
        .contains("current", "previous");
    assertThat(
            http()
                .send(
                    "POST",
                    "/admin/v1/service-keys/jwt/rotate",
                    ADMIN,
                    "{\"signing_algo\":\"rsa\"}")
                .errorCode())
        .isEqualTo("ERR_SIG_001");
    assertThat(http().send("POST", "/admin/v1/service-keys/nothing/rotate", ADMIN, "{}").status())
        .isEqualTo(404);
  }
}
