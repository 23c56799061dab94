package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import io.signet.application.ReadWalletToken;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;
import io.signet.domain.wallet.EthereumAddress;
import io.signet.domain.wallet.WalletClaims;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NimbusWalletTokensTest {
  private static final Instant IAT = Instant.parse("2026-11-22T12:00:00Z");
  private static final SoftwareJwtKeys KEYS = new SoftwareJwtKeys();
  private static final NimbusWalletTokens TOKENS = new NimbusWalletTokens(KEYS);
  private static final WalletClaims CLAIMS =
      new WalletClaims(
          "signet-test",
          new EthereumAddress(EthersVectors.ADDRESS),
          "eth",
          "metamask",
          IAT,
          IAT.plusSeconds(604800),
          "6f1b1a9e-0000-4000-8000-000000000001");
  private static final String GOOD_CLAIMS =
      "{\"iss\":\"signet-test\",\"sub\":\"{\\\"accountSource\\\":\\\"eth\\\",\\\"address\\\":\\\""
          + EthersVectors.ADDRESS
          + "\\\",\\\"userPrincipal\\\":\\\"\\\"}\",\"iat\":1795348800,\"exp\":1795953600,"
          + "\"jti\":\"x\",\"wallet\":\"metamask\"}";

  private static String b64(String json) {
    return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static String es256(KeyPair key, String header, String payload) {
    String input = b64(header) + "." + b64(payload);
    byte[] sig = SoftwareJwtKeys.es256(key.getPrivate(), input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + Base64URL.encode(sig);
  }

  private static String ours(String header, String payload) {
    return es256(KEYS.keyPair(KEYS.currentKid()), header, payload);
  }

  private static String header(String extra) {
    return "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"kid\":\"" + KEYS.currentKid() + "\"" + extra + "}";
  }

  private static String hs256(byte[] secret, String header, String payload) {
    try {
      String input = b64(header) + "." + b64(payload);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + Base64URL.encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void issuesWhatAStandardVerifierAcceptsWithTheJwks() throws Exception {
    String token = TOKENS.issue(CLAIMS);
    ECKey jwk =
        new ECKey.Builder(Curve.P_256, (ECPublicKey) KEYS.keyPair(KEYS.currentKid()).getPublic())
            .keyID(KEYS.currentKid())
            .build();
    JWKSet jwks = JWKSet.parse(new JWKSet(jwk).toString());
    SignedJWT jwt = SignedJWT.parse(token);
    assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jwt.getHeader().getKeyID()).isEqualTo(KEYS.currentKid());
    ECKey found = (ECKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(jwt.verify(new ECDSAVerifier(found))).isTrue();
    Map<String, Object> claims = jwt.getJWTClaimsSet().toJSONObject();
    assertThat(claims)
        .containsEntry("iss", "signet-test")
        .containsEntry("sub", CLAIMS.subject())
        .containsEntry("iat", 1795348800L)
        .containsEntry("exp", 1795953600L)
        .containsEntry("jti", CLAIMS.tokenId())
        .containsEntry("wallet", "metamask");
    assertThat(TOKENS.verify(token)).isEqualTo(CLAIMS);
  }

  @Test
  void tokensOfAPreviousKeyStillVerifyAfterARotation() {
    SoftwareJwtKeys keys = new SoftwareJwtKeys();
    NimbusWalletTokens tokens = new NimbusWalletTokens(keys);
    String before = tokens.issue(CLAIMS);
    keys.rotate();
    String after = tokens.issue(CLAIMS);
    assertThat(tokens.verify(before)).isEqualTo(CLAIMS);
    assertThat(tokens.verify(after)).isEqualTo(CLAIMS);
    assertThat(before.substring(0, before.indexOf('.')))
        .isNotEqualTo(after.substring(0, after.indexOf('.')));
  }

  @Test
  void theUseCaseRefusesExpiredTokensAndOtherIssuers() {
    String token = TOKENS.issue(CLAIMS);
    Clock beforeExpiry = Clock.fixed(CLAIMS.expiresAt().minusSeconds(1), ZoneOffset.UTC);
    Clock atExpiry = Clock.fixed(CLAIMS.expiresAt(), ZoneOffset.UTC);
    assertThat(new ReadWalletToken(TOKENS, "signet-test", beforeExpiry).read(token))
        .isEqualTo(CLAIMS);
    assertThatThrownBy(() -> new ReadWalletToken(TOKENS, "signet-test", atExpiry).read(token))
        .isInstanceOf(SignetException.LoginRefused.class);
    assertThatThrownBy(() -> new ReadWalletToken(TOKENS, "someone-else", beforeExpiry).read(token))
        .isInstanceOf(SignetException.LoginRefused.class);
  }

  static Map<String, Supplier<String>> hostileTokens() {
    KeyPair attacker = SoftwareJwtKeys.newKeyPair();
    byte[] publicKey = KEYS.keyPair(KEYS.currentKid()).getPublic().getEncoded();
    return Map.ofEntries(
        Map.entry(
            "alg none",
            () -> b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64(GOOD_CLAIMS) + "."),
        Map.entry(
            "alg none with our kid",
            () ->
                b64("{\"alg\":\"none\",\"kid\":\"" + KEYS.currentKid() + "\"}")
                    + "."
                    + b64(GOOD_CLAIMS)
                    + "."),
        Map.entry(
            "HS256 keyed with our public key",
            () ->
                hs256(
                    publicKey,
                    "{\"alg\":\"HS256\",\"kid\":\"" + KEYS.currentKid() + "\"}",
                    GOOD_CLAIMS)),
        Map.entry(
            "unknown kid",
            () -> es256(attacker, "{\"alg\":\"ES256\",\"kid\":\"jwt-ES256-v99\"}", GOOD_CLAIMS)),
        Map.entry("no kid", () -> ours("{\"alg\":\"ES256\"}", GOOD_CLAIMS)),
        Map.entry("our kid, another key", () -> es256(attacker, header(""), GOOD_CLAIMS)),
        Map.entry(
            "tampered payload",
            () -> {
              String[] parts = ours(header(""), GOOD_CLAIMS).split("\\.", -1);
              return parts[0]
                  + "."
                  + b64(GOOD_CLAIMS.replace("metamask", "rabby"))
                  + "."
                  + parts[2];
            }),
        Map.entry(
            "flipped signature bit",
            () -> {
              String[] parts = ours(header(""), GOOD_CLAIMS).split("\\.", -1);
              byte[] sig = new Base64URL(parts[2]).decode();
              sig[5] ^= 1;
              return parts[0] + "." + parts[1] + "." + Base64URL.encode(sig);
            }),
        Map.entry(
            "missing signature",
            () -> {
              String t = ours(header(""), GOOD_CLAIMS);
              return t.substring(0, t.lastIndexOf('.') + 1);
            }),
        Map.entry(
            "two parts",
            () -> {
              String t = ours(header(""), GOOD_CLAIMS);
              return t.substring(0, t.lastIndexOf('.'));
            }),
        Map.entry(
            "zero r and s",
            () -> b64(header("")) + "." + b64(GOOD_CLAIMS) + "." + Base64URL.encode(new byte[64])),
        Map.entry(
            "DER signature",
            () -> {
              String[] parts = ours(header(""), GOOD_CLAIMS).split("\\.", -1);
              byte[] raw = new Base64URL(parts[2]).decode();
              try {
                return parts[0]
                    + "."
                    + parts[1]
                    + "."
                    + Base64URL.encode(
                        com.nimbusds.jose.crypto.impl.ECDSA.transcodeSignatureToDER(raw));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            }),
        Map.entry(
            "jku header",
            () ->
                es256(attacker, header(",\"jku\":\"http://127.0.0.1:1/jwks.json\""), GOOD_CLAIMS)),
        Map.entry(
            "jwk header with the attacker's key",
            () ->
                es256(
                    attacker,
                    header(
                        ",\"jwk\":"
                            + new ECKey.Builder(Curve.P_256, (ECPublicKey) attacker.getPublic())
                                .build()
                                .toJSONString()),
                    GOOD_CLAIMS)),
        Map.entry(
            "x5u header",
            () -> ours(header(",\"x5u\":\"http://127.0.0.1:1/cert.pem\""), GOOD_CLAIMS)),
        Map.entry("crit header", () -> ours(header(",\"crit\":[\"exp\"],\"exp\":1"), GOOD_CLAIMS)),
        Map.entry(
            "b64 false", () -> ours(header(",\"b64\":false,\"crit\":[\"b64\"]"), GOOD_CLAIMS)),
        Map.entry(
            "ES384 header",
            () -> ours("{\"alg\":\"ES384\",\"kid\":\"" + KEYS.currentKid() + "\"}", GOOD_CLAIMS)),
        Map.entry(
            "ES256K header",
            () -> ours("{\"alg\":\"ES256K\",\"kid\":\"" + KEYS.currentKid() + "\"}", GOOD_CLAIMS)),
        Map.entry("typ JWE", () -> ours(header("").replace("\"JWT\"", "\"JWE\""), GOOD_CLAIMS)),
        Map.entry(
            "missing wallet claim",
            () -> ours(header(""), GOOD_CLAIMS.replace(",\"wallet\":\"metamask\"", ""))),
        Map.entry(
            "extra claim",
            () ->
                ours(
                    header(""),
                    GOOD_CLAIMS.substring(0, GOOD_CLAIMS.length() - 1) + ",\"admin\":true}")),
        Map.entry(
            "sub not Relation's JSON",
            () -> ours(header(""), GOOD_CLAIMS.replace("accountSource", "account"))),
        Map.entry(
            "iat as a string",
            () -> ours(header(""), GOOD_CLAIMS.replace("1795348800", "\"1795348800\""))),
        Map.entry("payload not JSON", () -> b64(header("")) + ".bm90IGpzb24." + "AAAA"),
        Map.entry("garbage", () -> "not-a-token"),
        Map.entry("empty", () -> ""),
        Map.entry("five parts", () -> "a.b.c.d.e"),
        Map.entry("huge", () -> "a".repeat(100_000)));
  }

  static java.util.stream.Stream<String> hostileTokenNames() {
    return hostileTokens().keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("hostileTokenNames")
  void refusesCraftedTokens(String name) {
    String token = hostileTokens().get(name).get();
    assertThatThrownBy(() -> TOKENS.verify(token))
        .as(name)
        .isInstanceOfSatisfying(
            SignetException.LoginRefused.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.INVALID_TOKEN));
  }

  @Test
  void theCraftedTokensWouldPassWithoutTheirOneDefect() {
    // The fixtures are right apart from the defect each test names: the same claims, signed
    // properly, verify.
    assertThat(TOKENS.verify(ours(header(""), GOOD_CLAIMS)).wallet()).isEqualTo("metamask");
  }
}
