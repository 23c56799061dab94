package io.signet.adapter.pkcs11;

import static io.signet.application.contract.KeyObjectAssertions.assertKeptInTheToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.signet.adapter.persistence.PostgresTestDatabase;
import io.signet.bootstrap.SignetApp;
import io.signet.domain.Bytes;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.CompositePrivateKey;
import org.bouncycastle.jcajce.CompositePublicKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Evidence about custody on a real token and database: the key objects' attributes as the token
 * reports them, public keys that independent implementations accept for signatures made with the
 * HSM-held keys, and no ML-DSA private key bytes anywhere in the database or the logs.
 */
class KeyCustodyEvidenceIT {
  @RegisterExtension static final SignetApp app = SignetApp.start();
  private static String tenant;
  private static Map<String, String> manager;

  @BeforeAll
  static void start() {
    String[] tenantAndKey = app.tenantWithKey("evidence", "keys:manage", "keys:read");
    tenant = tenantAndKey[0];
    manager = Map.of("X-API-Key", tenantAndKey[1], "Content-Type", "application/json");
    for (String algorithm : new String[] {"Dilithium3", "Composite-ML-DSA"}) {
      String body = "{\"algorithm\":\"" + algorithm + "\"}";
      app.http.send("POST", "/api/v1/kms/keys/generate", manager, body);
      app.http.send("POST", "/api/v1/kms/keys/rotate", manager, body);
    }
  }

  private static byte[] publicKeyFromApi(String algorithm, int version) {
    var list =
        app.http.send("GET", "/api/v1/kms/keys?algorithm=" + algorithm, manager, (String) null);
    @SuppressWarnings("unchecked")
    var keys = (List<Map<String, Object>>) list.data().get("keys");
    String b64 =
        (String)
            keys.stream()
                .filter(k -> k.get("key_version").equals(version))
                .findFirst()
                .orElseThrow()
                .get("public_key");
    return Base64.getDecoder().decode(b64);
  }

  private static Bytes sealedKey(KeyName name) throws Exception {
    try (var c = PostgresTestDatabase.connect();
        var s =
            c.prepareStatement(
                "SELECT sealed_private_key FROM key_version WHERE tenant_id = ? AND algorithm = ? AND version = ?")) {
      s.setObject(1, name.tenant().value());
      s.setString(2, name.algorithm().shortName());
      s.setInt(3, name.version());
      try (var rows = s.executeQuery()) {
        rows.next();
        return Bytes.of(rows.getBytes(1));
      }
    }
  }

  private static PrivateKey mlDsaPrivateKey(KeyName name) throws Exception {
    byte[] plain = new KeySealer(app.bean(KeyEncryptionKeys.class)).unseal(name, sealedKey(name));
    return KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
        .generatePrivate(new PKCS8EncodedKeySpec(plain));
  }

  @Test
  void everyPrivateKeyObjectOnTheTokenIsSensitiveLocalAndNeverExtractable() {
    TokenKeys token = app.bean(TokenKeys.class);
    List<String> labels = new ArrayList<>(token.labels(HsmLabels.KEY_PREFIX));
    labels.addAll(token.labels(HsmLabels.KEK_PREFIX));
    assertThat(labels).hasSizeGreaterThan(2);
    for (String label : labels) {
      assertKeptInTheToken(label, token.keyAttributes(label));
    }
  }

  @Test
  void theApisMlDsaPublicKeyVerifiesTheCustodiedKeysSignatureInTheJdkAndBouncyCastle()
      throws Exception {
    KeyName name = new KeyName(new TenantId(UUID.fromString(tenant)), Algorithm.DILITHIUM3, 2);
    byte[] message = "signed with the custodied key".getBytes(StandardCharsets.UTF_8);
    Signature signer = Signature.getInstance("ML-DSA", BouncyCastle.provider());
    signer.initSign(mlDsaPrivateKey(name), new SecureRandom());
    signer.update(message);
    byte[] signature = signer.sign();

    byte[] spki = publicKeyFromApi("Dilithium3", 2);
    PublicKey jdkKey =
        KeyFactory.getInstance("ML-DSA", "SUN").generatePublic(new X509EncodedKeySpec(spki));
    Signature jdk = Signature.getInstance("ML-DSA", "SUN");
    jdk.initVerify(jdkKey);
    jdk.update(message);
    assertThat(jdk.verify(signature)).isTrue();

    PublicKey bcKey =
        KeyFactory.getInstance("ML-DSA", BouncyCastle.provider())
            .generatePublic(new X509EncodedKeySpec(spki));
    Signature bc = Signature.getInstance("ML-DSA", BouncyCastle.provider());
    bc.initVerify(bcKey);
    bc.update(message);
    assertThat(bc.verify(signature)).isTrue();
  }

  @Test
  void theApisCompositePublicKeyVerifiesASignatureMadeWithTheHsmHeldEcHalf() throws Exception {
    KeyName name =
        new KeyName(new TenantId(UUID.fromString(tenant)), Algorithm.COMPOSITE_ML_DSA, 2);
    TokenKeys token = app.bean(TokenKeys.class);
    byte[] message = "composite".getBytes(StandardCharsets.UTF_8);
    CompositePublicKey composite =
        new CompositePublicKey(
            SubjectPublicKeyInfo.getInstance(publicKeyFromApi("Composite-ML-DSA", 2)));
    PublicKey ecPublic =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(composite.getPublicKeys().get(1).getEncoded()));

    Signature hsm =
        Signature.getInstance("SHA256withECDSA", app.bean(TokenSession.class).provider());
    hsm.initSign(token.privateKey(HsmLabels.key(name)));
    hsm.update(message);
    byte[] ecSignature = hsm.sign();
    Signature jdk = Signature.getInstance("SHA256withECDSA", "SunEC");
    jdk.initVerify(ecPublic);
    jdk.update(message);
    assertThat(jdk.verify(ecSignature)).as("JDK verifies the HSM's ECDSA half").isTrue();

    CompositePrivateKey privateKey =
        new CompositePrivateKey(
            CompositeMlDsaScheme.OID, mlDsaPrivateKey(name), token.privateKey(HsmLabels.key(name)));
    Signature signer = Signature.getInstance("MLDSA65-ECDSA-P256-SHA512", BouncyCastle.provider());
    signer.initSign(privateKey);
    signer.update(message);
    byte[] signature = signer.sign();
    Signature verifier =
        Signature.getInstance("MLDSA65-ECDSA-P256-SHA512", BouncyCastle.provider());
    verifier.initVerify(composite);
    verifier.update(message);
    assertThat(verifier.verify(signature))
        .as("BouncyCastle verifies the composite signature")
        .isTrue();
  }

  @Test
  void noMlDsaPrivateKeyBytesAreInTheDatabaseOrTheLogs() throws Exception {
    TenantId owner = new TenantId(UUID.fromString(tenant));
    List<byte[]> secrets = new ArrayList<>();
    for (Algorithm algorithm : List.of(Algorithm.DILITHIUM3, Algorithm.COMPOSITE_ML_DSA)) {
      for (int version = 1; version <= 2; version++) {
        KeyName name = new KeyName(owner, algorithm, version);
        byte[] plain =
            new KeySealer(app.bean(KeyEncryptionKeys.class)).unseal(name, sealedKey(name));
        secrets.add(java.util.Arrays.copyOfRange(plain, plain.length - 32, plain.length));
      }
    }
    List<String> hits = new ArrayList<>();
    try (var c = PostgresTestDatabase.connect();
        var tables =
            c.createStatement()
                .executeQuery(
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      List<String> names = new ArrayList<>();
      while (tables.next()) names.add(tables.getString(1));
      for (String table : names) {
        try (var rows = c.createStatement().executeQuery("SELECT * FROM " + table)) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              byte[] cell = rows.getBytes(i);
              if (cell == null) continue;
              for (byte[] secret : secrets) {
                if (contains(cell, secret))
                  hits.add(table + "." + rows.getMetaData().getColumnName(i));
              }
            }
          }
        }
      }
    }
    String log = Files.readString(Path.of("target", "test-run.log"), StandardCharsets.ISO_8859_1);
    assertThat(log).contains("HSM token");
    for (byte[] secret : secrets) {
      for (String form :
          new String[] {
            HexFormat.of().formatHex(secret),
            Base64.getEncoder().encodeToString(secret).substring(0, 40),
            new String(secret, StandardCharsets.ISO_8859_1)
          }) {
        if (log.contains(form)) hits.add("log contains " + form.substring(0, 8));
      }
    }
    assertThat(secrets).hasSize(4);
    assertThat(hits).isEmpty();
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
