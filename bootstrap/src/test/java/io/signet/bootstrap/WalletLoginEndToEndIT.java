package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.signet.adapter.rest.RawHttp;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Wallet login through HTTP on the whole service (PostgreSQL, SoftHSM2): a web3j wallet logs in,
 * the token verifies with Nimbus against the published JWKS, every refusal of DESIGN §6 has its
 * status and code, crafted tokens are refused by {@code /auth/me}, and no input gets a 5xx.
 */
class WalletLoginEndToEndIT {
  static final Map<String, Object> SETTINGS =
      Map.of(
          "signet.auth.domains",
          List.of("localhost:8080"),
          "signet.auth.issuer",
          "signet-e2e",
          "signet.auth.rate-limit.client-address-header",
          "X-Forwarded-For",
          "signet.auth.rate-limit.per-second",
          100_000,
          "signet.auth.rate-limit.burst",
          100_000);
  @RegisterExtension static final SignetApp app = SignetApp.start(SETTINGS);
  private static int clients;

  /** Each call comes from its own client address, so per-client limits stay out of the way. */
  static Map<String, String> json() {
    return Map.of(
        "Content-Type",
        "application/json",
        "X-Forwarded-For",
        "10.0.0." + ++clients % 250 + "," + clients);
  }

  /** POST /auth from a client address (as the trusted proxy header names it). */
  static RawHttp.Reply post(SignetApp app, String client, String contentType, String body) {
    return app.http.send(
        "POST", "/auth", Map.of("Content-Type", contentType, "X-Forwarded-For", client), body);
  }

  static RawHttp.Reply logIn(String body) {
    return app.http.send("POST", "/auth", json(), body);
  }

  static RawHttp.Reply me(String token) {
    return app.http.send(
        "GET",
        "/auth/me",
        Map.of("Authorization", "Bearer " + token, "X-Forwarded-For", "10.9.9." + ++clients % 250),
        (String) null);
  }

  static String token(TestWallet wallet) {
    String message = wallet.relationMessage(System.currentTimeMillis());
    RawHttp.Reply reply = logIn(wallet.body(message, wallet.sign(message)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return (String) reply.json().get("token");
  }

  static JWKSet jwks() throws Exception {
    RawHttp.Reply reply = app.http.send("GET", "/.well-known/jwks.json", Map.of(), (String) null);
    assertThat(reply.status()).isEqualTo(200);
    return JWKSet.parse(reply.body());
  }

  @Test
  void aWalletLogsInAndTheTokenVerifiesWithTheJwks() throws Exception {
    TestWallet wallet = new TestWallet();
    String message = wallet.relationMessage(System.currentTimeMillis());
    RawHttp.Reply reply = logIn(wallet.body(message, wallet.sign(message)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json()).containsOnlyKeys("code", "token").containsEntry("code", "success");

    SignedJWT jwt = SignedJWT.parse((String) reply.json().get("token"));
    assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
    ECKey key = (ECKey) jwks().getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).as("the token's kid is in the JWKS").isNotNull();
    assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
    var claims = jwt.getJWTClaimsSet();
    assertThat(claims.getSubject())
        .isEqualTo(
            "{\"accountSource\":\"eth\",\"address\":\""
                + wallet.address()
                + "\",\"userPrincipal\":\"\"}");
    assertThat(
            java.time.Duration.between(
                    claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())
                .toSeconds())
        .isEqualTo(604_800L);
    assertThat(claims.getIssuer()).isEqualTo("signet-e2e");
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(claims.getStringClaim("wallet")).isEqualTo("metamask");

    RawHttp.Reply mine = me(jwt.serialize());
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    assertThat(mine.json())
        .containsEntry("sub", claims.getSubject())
        .containsEntry("iss", "signet-e2e")
        .containsEntry("wallet", "metamask")
        .containsEntry("jti", claims.getJWTID());

    RawHttp.Reply audit =
        app.http.send("GET", "/admin/v1/audit?limit=1000", SignetApp.AS_ADMIN_JSON, (String) null);
    assertThat(audit.body())
        .contains("wallet.login")
        .contains("address=" + wallet.address() + " chain=eth wallet=metamask")
        .doesNotContain(wallet.sign(message).substring(0, 20));
  }

  @Test
  void tokensIssuedBeforeARotationStillVerify() throws Exception {
    String before = token(new TestWallet());
    RawHttp.Reply rotated =
        app.http.send("POST", "/admin/v1/service-keys/jwt/rotate", SignetApp.AS_ADMIN_JSON, "{}");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    String after = token(new TestWallet());
    String kidBefore = SignedJWT.parse(before).getHeader().getKeyID();
    String kidAfter = SignedJWT.parse(after).getHeader().getKeyID();
    assertThat(kidAfter).isNotEqualTo(kidBefore);
    assertThat(jwks().getKeyByKeyId(kidBefore)).as("the previous key stays published").isNotNull();
    assertThat(
            SignedJWT.parse(before)
                .verify(new ECDSAVerifier((ECKey) jwks().getKeyByKeyId(kidBefore))))
        .isTrue();
    assertThat(me(before).status()).isEqualTo(200);
    assertThat(me(after).status()).isEqualTo(200);
  }

  @Test
  void refusesEachBadLoginWithItsCode() {
    TestWallet wallet = new TestWallet();
    TestWallet other = new TestWallet();
    long now = System.currentTimeMillis();
    String message = wallet.relationMessage(now);
    String signature = wallet.sign(message);
    byte[] flipped = HexFormat.of().parseHex(signature);
    flipped[7] ^= 0x04;
    byte[] highS = HexFormat.of().parseHex(signature);
    BigInteger n =
        new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(highS, 32, 64));
    System.arraycopy(
        HexFormat.of().parseHex(String.format("%064x", n.subtract(s))), 0, highS, 32, 32);
    highS[64] = (byte) (highS[64] == 27 ? 28 : 27);
    String stale = wallet.relationMessage(now - 301_000);
    String future = wallet.relationMessage(now + 301_000);
    String noSuffix = "Welcome to Relation! " + now;

    Map<String, String[]> cases = new LinkedHashMap<>();
    cases.put(
        "stale timestamp",
        new String[] {wallet.body(stale, wallet.sign(stale)), "401", "stale_timestamp"});
    cases.put(
        "future timestamp",
        new String[] {wallet.body(future, wallet.sign(future)), "401", "stale_timestamp"});
    cases.put(
        "no suffix",
        new String[] {wallet.body(noSuffix, wallet.sign(noSuffix)), "400", "invalid_request"});
    cases.put(
        "another key's signature",
        new String[] {wallet.body(message, other.sign(message)), "401", "invalid_signature"});
    cases.put(
        "a flipped bit",
        new String[] {
          wallet.body(message, HexFormat.of().formatHex(flipped)), "401", "invalid_signature"
        });
    cases.put(
        "high-S twin",
        new String[] {
          wallet.body(message, HexFormat.of().formatHex(highS)), "401", "invalid_signature"
        });
    cases.put(
        "pk of 64 bytes",
        new String[] {
          TestWallet.body(
              wallet.pk().substring(2), "{\"secp256k1\":null}", message, signature, "eth"),
          "400",
          "invalid_request"
        });
    cases.put(
        "pk not on the curve",
        new String[] {
          TestWallet.body(
              "04" + "11".repeat(64), "{\"secp256k1\":null}", message, signature, "eth"),
          "400",
          "invalid_request"
        });
    cases.put(
        "signature of 64 bytes",
        new String[] {wallet.body(message, signature.substring(2)), "400", "invalid_request"});
    cases.put(
        "algorithm ed25519",
        new String[] {
          TestWallet.body(wallet.pk(), "{\"ed25519\":null}", message, signature, "eth"),
          "400",
          "unsupported_algorithm"
        });
    cases.put(
        "algorithm as a string",
        new String[] {
          TestWallet.body(wallet.pk(), "\"ed25519\"", message, signature, "eth"),
          "400",
          "invalid_request"
        });
    cases.put(
        "unknown chain",
        new String[] {
          TestWallet.body(wallet.pk(), "{\"secp256k1\":null}", message, signature, "solana"),
          "400",
          "unsupported_chain"
        });
    cases.put(
        "0x-prefixed signature",
        new String[] {wallet.body(message, "0x" + signature), "400", "invalid_request"});
    for (var c : cases.entrySet()) {
      RawHttp.Reply reply = logIn(c.getValue()[0]);
      assertThat(reply.status())
          .as(c.getKey() + ": " + reply.body())
          .isEqualTo(Integer.parseInt(c.getValue()[1]));
      assertThat(reply.json())
          .as(c.getKey())
          .containsOnlyKeys("code", "message")
          .containsEntry("code", c.getValue()[2]);
      assertThat(reply.body()).as(c.getKey()).doesNotContain(signature.substring(0, 16));
    }

    String body = wallet.body(message, signature);
    assertThat(logIn(body).status()).isEqualTo(200);
    RawHttp.Reply replay = logIn(body);
    assertThat(replay.status()).isEqualTo(401);
    assertThat(replay.json()).containsEntry("code", "replayed");
  }

  @Test
  void signsInWithEthereumOncePerNonceAndOnlyForOurDomain() {
    TestWallet wallet = new TestWallet();
    String issuedAt = Instant.now().toString();
    RawHttp.Reply issued =
        app.http.send("GET", "/auth/nonce", Map.of("X-Forwarded-For", "10.8.0.1"), (String) null);
    assertThat(issued.status()).as(issued.body()).isEqualTo(200);
    String nonce = (String) issued.json().get("nonce");
    assertThat(nonce).matches("[0-9a-f]{32}");
    assertThat(issued.json()).containsKey("expires_at");

    String foreign = wallet.siweMessage("evil.example", nonce, issuedAt);
    RawHttp.Reply elsewhere = logIn(wallet.body(foreign, wallet.sign(foreign)));
    assertThat(elsewhere.status()).isEqualTo(401);
    assertThat(elsewhere.json()).containsEntry("code", "invalid_nonce");

    String unknown =
        wallet.siweMessage("localhost:8080", "00000000000000000000000000000000", issuedAt);
    RawHttp.Reply notIssued = logIn(wallet.body(unknown, wallet.sign(unknown)));
    assertThat(notIssued.status()).isEqualTo(401);
    assertThat(notIssued.json()).containsEntry("code", "invalid_nonce");

    String message = wallet.siweMessage("localhost:8080", nonce, issuedAt);
    RawHttp.Reply ok = logIn(wallet.body(message, wallet.sign(message)));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(me((String) ok.json().get("token")).json())
        .containsEntry(
            "sub",
            "{\"accountSource\":\"eth\",\"address\":\""
                + wallet.address()
                + "\",\"userPrincipal\":\"\"}");

    RawHttp.Reply reused = logIn(wallet.body(message, wallet.sign(message)));
    assertThat(reused.status()).isEqualTo(401);
    assertThat(reused.json()).containsEntry("code", "invalid_nonce");
  }

  private static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  @Test
  void refusesCraftedTokens() throws Exception {
    String good = token(new TestWallet());
    String[] parts = good.split("\\.", -1);
    String kid = SignedJWT.parse(good).getHeader().getKeyID();
    String payload = new String(new Base64URL(parts[1]).decode(), StandardCharsets.UTF_8);
    ECKey ours = (ECKey) jwks().getKeyByKeyId(kid);
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(ours.toECPublicKey().getEncoded(), "HmacSHA256"));
    String hsInput = b64("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}") + "." + parts[1];
    String hs256 =
        hsInput + "." + Base64URL.encode(hmac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII)));
    Mac jwkMac = Mac.getInstance("HmacSHA256");
    jwkMac.init(
        new SecretKeySpec(ours.toJSONString().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String hsJwkInput =
        b64("{\"alg\":\"HS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}") + "." + parts[1];
    String hs256Jwk =
        hsJwkInput
            + "."
            + Base64URL.encode(jwkMac.doFinal(hsJwkInput.getBytes(StandardCharsets.US_ASCII)));
    byte[] sig = new Base64URL(parts[2]).decode();
    sig[0] ^= 1;

    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("alg none", b64("{\"alg\":\"none\"}") + "." + parts[1] + ".");
    bad.put(
        "alg none, our kid",
        b64("{\"alg\":\"none\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + ".");
    bad.put("HS256 with our public key (SPKI) as secret", hs256);
    bad.put("HS256 with our JWK as secret", hs256Jwk);
    bad.put(
        "wrong kid",
        b64("{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"jwt-ES256-v999\"}")
            + "."
            + parts[1]
            + "."
            + parts[2]);
    bad.put("no kid", b64("{\"alg\":\"ES256\",\"typ\":\"JWT\"}") + "." + parts[1] + "." + parts[2]);
    bad.put(
        "tampered payload",
        parts[0] + "." + b64(payload.replace("metamask", "rabby")) + "." + parts[2]);
    bad.put(
        "other issuer, same signature",
        parts[0] + "." + b64(payload.replace("signet-e2e", "evil")) + "." + parts[2]);
    bad.put(
        "later expiry, same signature",
        parts[0]
            + "."
            + b64(payload.replaceFirst("\"exp\":\\d+", "\"exp\":9999999999"))
            + "."
            + parts[2]);
    bad.put("flipped signature bit", parts[0] + "." + parts[1] + "." + Base64URL.encode(sig));
    bad.put("missing signature", parts[0] + "." + parts[1] + ".");
    bad.put("two parts", parts[0] + "." + parts[1]);
    bad.put("zero signature", parts[0] + "." + parts[1] + "." + Base64URL.encode(new byte[64]));
    bad.put(
        "jku header",
        b64("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"jku\":\"http://127.0.0.1:9/jwks\"}")
            + "."
            + parts[1]
            + "."
            + parts[2]);
    bad.put(
        "jwk header",
        b64("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"jwk\":" + ours.toJSONString() + "}")
            + "."
            + parts[1]
            + "."
            + parts[2]);
    bad.put(
        "x5u header",
        b64("{\"alg\":\"ES256\",\"kid\":\"" + kid + "\",\"x5u\":\"http://127.0.0.1:9/c\"}")
            + "."
            + parts[1]
            + "."
            + parts[2]);
    bad.put(
        "ES384 header",
        b64("{\"alg\":\"ES384\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + "." + parts[2]);
    bad.put("garbage", "garbage");
    bad.put("empty", "");
    bad.put("over 4096 characters", "a".repeat(6_000));
    for (var b : bad.entrySet()) {
      RawHttp.Reply reply = me(b.getValue());
      assertThat(reply.status()).as(b.getKey() + ": " + reply.body()).isEqualTo(401);
      assertThat(reply.json())
          .as(b.getKey())
          .containsOnlyKeys("code", "message")
          .containsEntry("code", "invalid_token");
    }
    RawHttp.Reply none =
        app.http.send("GET", "/auth/me", Map.of("X-Forwarded-For", "10.7.0.1"), (String) null);
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.json()).containsEntry("code", "invalid_token");
    assertThat(me(good).status()).as("the unaltered token still works").isEqualTo(200);
  }

  @Test
  void noInputGetsAServerErrorOrAnEcho() {
    List<String> bodies =
        List.of(
            "",
            "{",
            "[]",
            "null",
            "\"x\"",
            "{}",
            "{\"pk\":1}",
            "{\"pk\":null}",
            "{\"pk\":\"zz\",\"algorithm\":{\"secp256k1\":null},\"message\":\"m\",\"wallet_name\":\"w\",\"decoded_signature\":\"00\",\"chain_name\":\"eth\"}",
            "{\"pk\":\"04\",\"algorithm\":{\"secp256k1\":1},\"message\":\"m\",\"wallet_name\":\"w\",\"decoded_signature\":\"00\",\"chain_name\":\"eth\"}",
            "{\"pk\":\"04\",\"algorithm\":{},\"message\":\"m\",\"wallet_name\":\"w\",\"decoded_signature\":\"00\",\"chain_name\":\"eth\"}",
            "{\"pk\":\"04\",\"algorithm\":[\"secp256k1\"],\"message\":\"m\",\"wallet_name\":\"w\",\"decoded_signature\":\"00\",\"chain_name\":\"eth\"}",
            "{\"pk\":\"04\",\"algorithm\":{\"secp256k1\":null,\"ed25519\":null},\"message\":\"m\",\"wallet_name\":\"w\",\"decoded_signature\":\"00\",\"chain_name\":\"eth\"}",
            "{\"pk\":\"04\",\"algorithm\":{\"secp256k1\":null},\"message\":[],\"wallet_name\":\"w\",\"decoded_signature\":\"00\",\"chain_name\":\"eth\"}",
            "{\"pk\":\"04\",\"algorithm\":{\"secp256k1\":null},\"message\":\"m\",\"wallet_name\":\"w\",\"decoded_signature\":\"00\",\"chain_name\":\"eth\",\"extra\":1}",
            "{\"pk\":\"04\",\"pk\":\"04\"}",
            "{\"message\":\"" + "x".repeat(20_000) + "\"}",
            "{\"a\":" + "[".repeat(500) + "]".repeat(500) + "}",
            "{\"message\":\"\\ud800\"}",
            "\u0000\u0001\u0002");
    for (String contentType :
        List.of("application/json", "text/plain", "application/x-www-form-urlencoded")) {
      for (String body : bodies) {
        RawHttp.Reply reply = post(app, "10.6." + ++clients % 250 + ".1", contentType, body);
        assertThat(reply.status())
            .as(contentType + " " + body.substring(0, Math.min(60, body.length())))
            .isBetween(400, 499);
        assertThat(reply.json()).as(body).containsOnlyKeys("code", "message");
        assertThat(reply.body())
            .doesNotContain("xxxxxxxx")
            .doesNotContain("Exception")
            .doesNotContain("io.signet");
      }
    }
    byte[] huge = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) 'a');
    RawHttp.Reply tooBig =
        app.http.send(
            "POST",
            "/auth",
            Map.of("Content-Type", "application/json", "X-Forwarded-For", "10.5.0.1"),
            huge);
    assertThat(tooBig.status()).isBetween(400, 499);
    assertThat(tooBig.json())
        .containsOnlyKeys("code", "message")
        .containsEntry("code", "invalid_request");
    for (String method : List.of("GET", "PUT", "DELETE")) {
      RawHttp.Reply wrong =
          app.http.send(method, "/auth", Map.of("X-Forwarded-For", "10.5.0.2"), (String) null);
      assertThat(wrong.status()).as(method).isBetween(400, 499);
      assertThat(wrong.json()).containsOnlyKeys("code", "message");
    }
  }

  @Test
  void limitsEachClientAddressWithRetryAfter() {
    Map<String, String> oneClient = Map.of("X-Forwarded-For", "203.0.113.7");
    int limited = 0;
    RawHttp.Reply last = null;
    for (int i = 0; i < 40; i++) {
      last = app.http.send("GET", "/auth/nonce", oneClient, (String) null);
      if (last.status() == 429) {
        limited++;
        assertThat(last.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(last.json())
            .containsOnlyKeys("code", "message")
            .containsEntry("code", "rate_limited");
      } else {
        assertThat(last.status()).isEqualTo(200);
      }
    }
    assertThat(limited).as("the burst is 20").isGreaterThanOrEqualTo(15);
    assertThat(
            app.http
                .send("GET", "/auth/nonce", Map.of("X-Forwarded-For", "203.0.113.8"), (String) null)
                .status())
        .as("another client is not affected")
        .isEqualTo(200);
  }
}
