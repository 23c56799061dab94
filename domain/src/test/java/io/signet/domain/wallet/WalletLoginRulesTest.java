package io.signet.domain.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The login rules that need no cryptography: message forms, times, chains, signature ranges. */
class WalletLoginRulesTest {
  private static final Instant NOW = Instant.parse("2025-11-22T08:26:40Z");
  private static final WalletLoginPolicy POLICY =
      new WalletLoginPolicy(
          Duration.ofMinutes(5),
          Set.of("polygon"),
          Set.of("wallet.example.org"),
          Duration.ofDays(7),
          "signet-test");

  private static Refusal refusal(Runnable r) {
    try {
      r.run();
    } catch (SignetException.LoginRefused e) {
      return e.reason();
    }
    throw new AssertionError("not refused");
  }

  @Test
  void readsTheTimestampSuffix() {
    LoginMessage m = LoginMessage.parse("Welcome!\n\nTimestamp:1763800000000");
    assertThat(m).isEqualTo(new LoginMessage.Timestamped(m.text(), NOW));
    assertThatThrownBy(() -> LoginMessage.parse("Welcome, no suffix"))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> LoginMessage.parse("Timestamp:1763800000000\n"))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> LoginMessage.parse("Timestamp: 1763800000000"))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> LoginMessage.parse(""))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> LoginMessage.parse("x".repeat(4097) + "Timestamp:1"))
        .isInstanceOf(SignetException.InvalidRequest.class)
        .hasMessageContaining("4096");
    assertThat(LoginMessage.parse(SiweMessageTest.WITH_STATEMENT))
        .isInstanceOf(LoginMessage.SignIn.class);
  }

  @Test
  void acceptsTimestampsWithinTheSkewEitherWay() {
    assertThat(POLICY.requireFresh(NOW.minusSeconds(300), NOW)).isEqualTo(NOW);
    assertThat(POLICY.requireFresh(NOW.plusSeconds(300), NOW)).isEqualTo(NOW.plusSeconds(600));
    assertThat(refusal(() -> POLICY.requireFresh(NOW.minusSeconds(301), NOW)))
        .isEqualTo(Refusal.STALE_TIMESTAMP);
    assertThat(refusal(() -> POLICY.requireFresh(NOW.plusSeconds(301), NOW)))
        .isEqualTo(Refusal.STALE_TIMESTAMP);
  }

  @Test
  void acceptsEthAndConfiguredChainsOnly() {
    assertThat(POLICY.requireChain("eth")).isEqualTo("eth");
    assertThat(POLICY.requireChain("polygon")).isEqualTo("polygon");
    assertThat(refusal(() -> POLICY.requireChain("solana"))).isEqualTo(Refusal.UNSUPPORTED_CHAIN);
    assertThat(refusal(() -> POLICY.requireChain("ETH"))).isEqualTo(Refusal.UNSUPPORTED_CHAIN);
    assertThat(Refusal.UNSUPPORTED_CHAIN.malformed()).isTrue();
    assertThat(refusal(() -> WalletLogin.requireAlgorithm("ed25519")))
        .isEqualTo(Refusal.UNSUPPORTED_ALGORITHM);
  }

  @Test
  void checksTheSignInDomainAndTimes() {
    SiweMessage m = SiweMessage.parse(SiweMessageTest.WITH_STATEMENT);
    POLICY.requireAcceptable(m, NOW);
    assertThat(refusal(() -> POLICY.requireAcceptable(m, NOW.plusSeconds(600))))
        .isEqualTo(Refusal.STALE_TIMESTAMP);
    assertThat(refusal(() -> POLICY.requireAcceptable(m, NOW.minusSeconds(301))))
        .isEqualTo(Refusal.STALE_TIMESTAMP);
    SiweMessage foreign =
        SiweMessage.parse(
            SiweMessageTest.WITH_STATEMENT.replace("wallet.example.org w", "evil.example w"));
    assertThat(refusal(() -> POLICY.requireAcceptable(foreign, NOW)))
        .isEqualTo(Refusal.INVALID_NONCE);
  }

  @Test
  void claimsLastSevenDaysAndNameTheLowercaseAddress() {
    EthereumAddress address = EthereumAddress.parse("0x2c7536E3605D9C16a7a3D7b1898e529396a65c23");
    WalletClaims claims = POLICY.claims(address, "eth", "metamask", NOW.plusMillis(999), "id-1");
    assertThat(claims.issuedAt()).isEqualTo(NOW);
    assertThat(Duration.between(claims.issuedAt(), claims.expiresAt()).toSeconds())
        .isEqualTo(604800);
    assertThat(claims.subject())
        .isEqualTo(
            "{\"accountSource\":\"eth\",\"address\":\"0x2c7536e3605d9c16a7a3d7b1898e529396a65c23\","
                + "\"userPrincipal\":\"\"}");
    assertThat(claims.validAt(claims.expiresAt().minusSeconds(1))).isTrue();
    assertThat(claims.validAt(claims.expiresAt())).isFalse();
  }

  @Test
  void readsSignaturesAndRefusesHighSAndBadV() {
    byte[] rsv = new byte[65];
    rsv[31] = 1;
    rsv[63] = 2;
    for (int v : new int[] {27, 28, 0, 1}) {
      rsv[64] = (byte) v;
      assertThat(EthereumSignature.parse(Bytes.of(rsv)).recoveryId())
          .isEqualTo(v == 28 || v == 1 ? 1 : 0);
    }
    rsv[64] = 29;
    assertThat(refusal(() -> EthereumSignature.parse(Bytes.of(rsv))))
        .isEqualTo(Refusal.INVALID_SIGNATURE);
    rsv[64] = 27;
    BigInteger highS = EthereumSignature.SECP256K1_ORDER.subtract(BigInteger.TWO);
    byte[] s = HexFormat.of().parseHex(String.format("%064x", highS));
    System.arraycopy(s, 0, rsv, 32, 32);
    assertThat(refusal(() -> EthereumSignature.parse(Bytes.of(rsv))))
        .isEqualTo(Refusal.INVALID_SIGNATURE);
    assertThatThrownBy(() -> EthereumSignature.parse(Bytes.of(new byte[64])))
        .isInstanceOf(SignetException.InvalidRequest.class);
    byte[] zeroR = new byte[65];
    zeroR[63] = 1;
    assertThat(refusal(() -> EthereumSignature.parse(Bytes.of(zeroR))))
        .isEqualTo(Refusal.INVALID_SIGNATURE);
  }

  @Test
  void acceptsOnlySec1PublicKeyEncodings() {
    for (String bad :
        new String[] {
          "04" + "00".repeat(63),
          "05" + "00".repeat(64),
          "04" + "00".repeat(32),
          "02" + "00".repeat(31)
        }) {
      assertThatThrownBy(() -> new WalletPublicKey(Bytes.of(HexFormat.of().parseHex(bad))))
          .isInstanceOf(SignetException.InvalidRequest.class);
    }
  }
}
