package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.application.ResealKeys;
import io.signet.bootstrap.SignetApp;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DESIGN §8, crypto-shredding on PostgreSQL and SoftHSM2: once a version is archived, its sealed
 * private key cannot be opened by anyone, even with the PIN and a copy of the database taken before
 * the archive; versions sealed under the shared key of earlier releases are re-sealed under their
 * own key, keep signing, and the shared key goes.
 */
class CryptoShreddingIT {
  @RegisterExtension static final SignetApp app = SignetApp.start();

  private static Map<String, String> json(String apiKey) {
    return Map.of("X-API-Key", apiKey, "Content-Type", "application/json");
  }

  private static Bytes storedSealedKey(KeyName name) throws Exception {
    try (var c = PostgresTestDatabase.connect();
        var s =
            c.prepareStatement(
                "SELECT sealed_private_key FROM key_version"
                    + " WHERE tenant_id = ? AND algorithm = ? AND version = ?")) {
      s.setObject(1, name.tenant().value());
      s.setString(2, name.algorithm().shortName());
      s.setInt(3, name.version());
      try (var rows = s.executeQuery()) {
        rows.next();
        byte[] sealed = rows.getBytes(1);
        return sealed == null ? null : Bytes.of(sealed);
      }
    }
  }

  /** A login of its own with the PIN, as someone holding the PIN and a database copy would. */
  private static KeySealer freshSealer() {
    SoftHsmTestToken soft = SoftHsmTestToken.get();
    TokenSession session =
        new TokenSession(
            new Pkcs11Settings(SoftHsmTestToken.LIBRARY, soft.label(), soft.pin(), null));
    return new KeySealer(new KeyEncryptionKeys(session));
  }

  @Test
  void afterArchiveACopyOfTheSealedKeyTakenBeforeCannotBeOpenedEvenWithThePin() throws Exception {
    String[] tenantAndKey = app.tenantWithKey("shred", "keys:manage", "sign");
    Map<String, String> manager = json(tenantAndKey[1]);
    KeyName v1 =
        new KeyName(new TenantId(UUID.fromString(tenantAndKey[0])), Algorithm.DILITHIUM3, 1);
    assertThat(
            app.http
                .send(
                    "POST", "/api/v1/kms/keys/generate", manager, "{\"algorithm\":\"Dilithium3\"}")
                .status())
        .isEqualTo(201);
    app.http.send("POST", "/api/v1/kms/keys/rotate", manager, "{\"algorithm\":\"Dilithium3\"}");
    Bytes copyBeforeArchive = storedSealedKey(v1);
    assertThat(freshSealer().unseal(v1, copyBeforeArchive))
        .as("the copy opens while the version lives")
        .hasSizeGreaterThan(32);

    var archived =
        app.http.send("POST", "/api/v1/kms/keys/archive", manager, "{\"key_version\":1}");
    assertThat(archived.status()).isEqualTo(200);
    assertThat(archived.data()).containsEntry("private_key_destroyed", true);
    assertThat(storedSealedKey(v1)).isNull();

    assertThatThrownBy(() -> freshSealer().unseal(v1, copyBeforeArchive))
        .isInstanceOf(SignetException.NotFound.class)
        .hasMessageContaining("not on the token");
    assertThat(app.bean(TokenKeys.class).keyAttributes(HsmLabels.kek(v1))).isEmpty();
  }

  @Test
  void aVersionSealedUnderTheSharedKeyIsResealedKeepsSigningAndTheSharedKeyGoes() throws Exception {
    String[] tenantAndKey = app.tenantWithKey("legacy", "sign", "verify");
    TenantId tenant = new TenantId(UUID.fromString(tenantAndKey[0]));
    KeyName name = new KeyName(tenant, Algorithm.DILITHIUM3, 1);
    KeyPair pair =
        KeyPairGenerator.getInstance("ML-DSA-65", BouncyCastle.provider()).generateKeyPair();
    byte[] legacy =
        LegacySealedKeys.seal(
                app.bean(KeyEncryptionKeys.class), name, pair.getPrivate().getEncoded())
            .toArray();
    insertVersion(name, pair.getPublic().getEncoded(), legacy);

    ResealKeys.Report report = app.bean(ResealKeys.class).reseal();
    assertThat(report.resealed()).contains(name);
    assertThat(report.sharedKeyRetired()).isTrue();
    assertThat(storedSealedKey(name).toArray()[0]).isEqualTo((byte) 2);
    assertThat(app.bean(TokenKeys.class).keyAttributes(KeyEncryptionKeys.LEGACY_LABEL)).isEmpty();
    assertThatThrownBy(() -> freshSealer().unseal(name, Bytes.of(legacy)))
        .as("copies of the old blob are shredded with the shared key")
        .isInstanceOf(SignetException.NotFound.class);

    String message =
        Base64.getEncoder()
            .encodeToString("after the upgrade".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    var signed =
        app.http.send(
            "POST",
            "/api/v1/signature/sign",
            json(tenantAndKey[1]),
            "{\"message\":\"" + message + "\",\"key_version\":1}");
    assertThat(signed.status()).isEqualTo(200);
    var verified =
        app.http.send(
            "POST",
            "/api/v1/signature/verify",
            json(tenantAndKey[1]),
            "{\"message\":\""
                + message
                + "\",\"signature\":\""
                + signed.data().get("signature")
                + "\",\"key_version\":1}");
    assertThat(verified.data()).containsEntry("valid", true);
    assertThat(app.bean(ResealKeys.class).reseal().resealed()).as("idempotent").isEmpty();
  }

  private static void insertVersion(KeyName name, byte[] publicKey, byte[] sealed)
      throws Exception {
    try (var c = PostgresTestDatabase.connect();
        var s =
            c.prepareStatement(
                "INSERT INTO key_version (tenant_id, algorithm, version, status, public_key,"
                    + " protection, sealed_private_key, created_at)"
                    + " VALUES (?, ?, ?, 'active', ?, 'hsm-wrapped', ?, ?)")) {
      s.setObject(1, name.tenant().value());
      s.setString(2, name.algorithm().shortName());
      s.setInt(3, name.version());
      s.setBytes(4, publicKey);
      s.setBytes(5, sealed);
      s.setObject(6, OffsetDateTime.now(java.time.ZoneOffset.UTC));
      s.executeUpdate();
    }
  }
}
