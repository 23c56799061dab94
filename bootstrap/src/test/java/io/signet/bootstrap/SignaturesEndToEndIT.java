package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.scheduling.TaskExecutors;
import io.signet.adapter.persistence.PostgresTestDatabase;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.jcajce.CompositePublicKey;
import org.bouncycastle.jcajce.spec.ContextParameterSpec;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Signatures from the running service (PostgreSQL, SoftHSM2) verified outside Signet: the JDK's
 * ML-DSA, BouncyCastle's ML-DSA and HashML-DSA, and BouncyCastle's composite verifier, each given
 * only the public key the API published.
 */
class SignaturesEndToEndIT {
  private static final byte[] MESSAGE =
      "release 4.2.0 artefact digest".getBytes(StandardCharsets.UTF_8);
  private static final String MESSAGE_B64 = Base64.getEncoder().encodeToString(MESSAGE);
  @RegisterExtension static final SignetApp app = SignetApp.start();
  private static Map<String, String> caller;
  private static String tenant;

  @BeforeAll
  static void start() {
    String[] tenantAndKey =
        app.tenantWithKey("signatures", "sign", "verify", "keys:manage", "keys:read");
    tenant = tenantAndKey[0];
    caller = Map.of("X-API-Key", tenantAndKey[1], "Content-Type", "application/json");
    app.http.send("POST", "/api/v1/kms/keys/generate", caller, "{\"algorithm\":\"Dilithium3\"}");
    app.http.send(
        "POST", "/api/v1/kms/keys/generate", caller, "{\"algorithm\":\"Composite-ML-DSA\"}");
  }

  private static java.security.Provider bc() {
    if (Security.getProvider("BC") == null) Security.addProvider(new BouncyCastleProvider());
    return Security.getProvider("BC");
  }

  private static byte[] publicKey(String algorithm) {
    var active =
        app.http.send(
            "GET", "/api/v1/kms/keys/active?algorithm=" + algorithm, caller, (String) null);
    return Base64.getDecoder().decode((String) active.data().get("public_key"));
  }

  private static byte[] sign(String route, String body) {
    var reply = app.http.send("POST", "/api/v1/signature/" + route, caller, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return Base64.getDecoder().decode((String) reply.data().get("signature"));
  }

  @Test
  void mlDsaMessageSignaturesVerifyInTheJdkAndBouncyCastle() throws Exception {
    byte[] signature = sign("sign", "{\"message\":\"" + MESSAGE_B64 + "\",\"key_version\":1}");
    X509EncodedKeySpec spki = new X509EncodedKeySpec(publicKey("Dilithium3"));
    for (String provider : List.of("SUN", "BC")) {
      if (provider.equals("BC")) bc();
      PublicKey key = KeyFactory.getInstance("ML-DSA", provider).generatePublic(spki);
      Signature verifier = Signature.getInstance("ML-DSA", provider);
      verifier.initVerify(key);
      verifier.update(MESSAGE);
      assertThat(verifier.verify(signature)).as(provider).isTrue();
    }
  }

  @Test
  void mlDsaSignaturesWithAContextVerifyInBouncyCastleWithThatContextOnly() throws Exception {
    byte[] context = "tenant-invoices".getBytes(StandardCharsets.UTF_8);
    byte[] signature =
        sign(
            "sign",
            "{\"message\":\""
                + MESSAGE_B64
                + "\",\"key_version\":1,\"context\":\""
                + Base64.getEncoder().encodeToString(context)
                + "\"}");
    PublicKey key =
        KeyFactory.getInstance("ML-DSA", bc())
            .generatePublic(new X509EncodedKeySpec(publicKey("Dilithium3")));
    Signature verifier = Signature.getInstance("ML-DSA", bc());
    verifier.initVerify(key);
    verifier.setParameter(new ContextParameterSpec(context));
    verifier.update(MESSAGE);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void hashMlDsaOverASha512HashVerifiesWithBouncyCastlesHashMlDsaOverTheMessage() throws Exception {
    String hash =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(MESSAGE));
    byte[] signature =
        sign(
            "sign-hash",
            "{\"hash\":\"" + hash + "\",\"hash_algorithm\":\"SHA-512\",\"key_version\":1}");
    PublicKey key =
        KeyFactory.getInstance("ML-DSA", bc())
            .generatePublic(new X509EncodedKeySpec(publicKey("Dilithium3")));
    Signature verifier = Signature.getInstance("ML-DSA-65-WITH-SHA512", bc());
    verifier.initVerify(key);
    verifier.update(MESSAGE);
    assertThat(verifier.verify(signature)).isTrue();
  }

  @Test
  void compositeSignaturesOfTheMessageAndOfItsSha512VerifyWithBouncyCastlesCompositeVerifier()
      throws Exception {
    CompositePublicKey key =
        new CompositePublicKey(SubjectPublicKeyInfo.getInstance(publicKey("Composite-ML-DSA")));
    String hash =
        Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(MESSAGE));
    byte[] overMessage =
        sign(
            "sign",
            "{\"message\":\""
                + MESSAGE_B64
                + "\",\"key_version\":1,\"algorithm\":\"Composite-ML-DSA\"}");
    byte[] overHash =
        sign(
            "sign-hash",
            "{\"hash\":\""
                + hash
                + "\",\"hash_algorithm\":\"SHA-512\",\"key_version\":1,\"algorithm\":\"MLDSA65-ECDSA-P256-SHA512\"}");
    for (byte[] signature : List.of(overMessage, overHash)) {
      Signature verifier = Signature.getInstance("MLDSA65-ECDSA-P256-SHA512", bc());
      verifier.initVerify(key);
      verifier.update(MESSAGE);
      assertThat(verifier.verify(signature)).isTrue();
    }
  }

  @Test
  void verifyAnswersFalseWith200ForAFlippedByte() {
    byte[] signature =
        sign(
            "sign",
            "{\"message\":\""
                + MESSAGE_B64
                + "\",\"key_version\":1,\"algorithm\":\"Composite-ML-DSA\"}");
    signature[signature.length - 5] ^= 0x40;
    var reply =
        app.http.send(
            "POST",
            "/api/v1/signature/verify",
            caller,
            "{\"message\":\""
                + MESSAGE_B64
                + "\",\"signature\":\""
                + Base64.getEncoder().encodeToString(signature)
                + "\",\"key_version\":1,\"algorithm\":\"Composite-ML-DSA\"}");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.data()).containsEntry("valid", false);
  }

  @Test
  void everySignatureIsDurablyAuditedByTheHashOfItsMessage() throws Exception {
    var reply =
        app.http.send(
            "POST",
            "/api/v1/signature/sign",
            caller,
            "{\"message\":\"" + MESSAGE_B64 + "\",\"key_version\":1}");
    String requestId = (String) reply.json().get("request_id");
    try (var c = PostgresTestDatabase.connect();
        var s =
            c.prepareStatement(
                "SELECT tenant_id::text, algorithm, version, payload_sha256 FROM signature_event WHERE request_id = ?::uuid")) {
      s.setString(1, requestId);
      try (var rows = s.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString(1)).isEqualTo(tenant);
        assertThat(rows.getString(2)).isEqualTo("mldsa65");
        assertThat(rows.getInt(3)).isEqualTo(1);
        assertThat(rows.getBytes(4))
            .isEqualTo(MessageDigest.getInstance("SHA-256").digest(MESSAGE));
      }
    }
  }

  /**
   * Requests that wait (for the group commit, the HSM, PostgreSQL) wait side by side: the blocking
   * executor runs every task on its own virtual thread. With a pool of a few threads, the tasks
   * below would wait for each other until the latch times out (each waits until all have started).
   */
  @Test
  void theBlockingExecutorLetsEveryWaitingTaskRunAtOnce() throws Exception {
    ExecutorService blocking =
        app.context.getBean(ExecutorService.class, Qualifiers.byName(TaskExecutors.BLOCKING));
    int tasks = 256;
    CountDownLatch allStarted = new CountDownLatch(tasks);
    List<Future<Boolean>> waits = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      waits.add(
          blocking.submit(
              () -> {
                allStarted.countDown();
                return allStarted.await(10, TimeUnit.SECONDS);
              }));
    }
    for (Future<Boolean> wait : waits) assertThat(wait.get(30, TimeUnit.SECONDS)).isTrue();
  }
}
