package io.signet.adapter.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.InstanceBudget;
import io.signet.application.LogInWithWallet;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryLoginNonces;
import io.signet.application.fake.InMemoryLoginReplays;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditQuery;
import io.signet.domain.audit.RequestId;
import io.signet.domain.wallet.EthereumSignature;
import io.signet.domain.wallet.WalletLogin;
import io.signet.domain.wallet.WalletLoginPolicy;
import io.signet.domain.wallet.WalletPublicKey;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * The login use case over the real signature and token adapters (ethers-made vectors) and the
 * in-memory stores, on a clock at the vectors' timestamp: every refusal of DESIGN §6 by its code.
 */
class WalletLoginTest {
  private static final Instant SIGNED_AT = Instant.ofEpochMilli(EthersVectors.TIMESTAMP);
  private final InMemoryLoginReplays replays = new InMemoryLoginReplays();
  private final InMemoryLoginNonces nonces = new InMemoryLoginNonces();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final NimbusWalletTokens tokens = new NimbusWalletTokens(new SoftwareJwtKeys());

  private LogInWithWallet at(Instant now) {
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    return new LogInWithWallet(
        new WalletLoginPolicy(
            Duration.ofMinutes(5),
            Set.of(),
            Set.of("wallet.example.org"),
            Duration.ofDays(7),
            "signet-test"),
        new Web3jWalletSignatures(),
        replays,
        nonces,
        tokens,
        audit,
        new InstanceBudget(1000, 1000, clock),
        clock);
  }

  private static WalletLogin login(String pk, String message, String signature, String chain) {
    return new WalletLogin(
        new WalletPublicKey(Bytes.of(HexFormat.of().parseHex(pk))),
        "secp256k1",
        message,
        "metamask",
        EthereumSignature.parse(Bytes.of(HexFormat.of().parseHex(signature))),
        chain);
  }

  private static WalletLogin relation() {
    return login(
        EthersVectors.PK_UNCOMPRESSED, EthersVectors.MESSAGE, EthersVectors.SIGNATURE, "eth");
  }

  private static WalletLogin withFlippedBit() {
    byte[] flipped = HexFormat.of().parseHex(EthersVectors.SIGNATURE);
    flipped[3] ^= 0x10;
    return login(
        EthersVectors.PK_UNCOMPRESSED,
        EthersVectors.MESSAGE,
        HexFormat.of().formatHex(flipped),
        "eth");
  }

  private Refusal refusal(Instant now, WalletLogin login) {
    try {
      at(now).logIn(login, RequestId.next(Clock.systemUTC()));
    } catch (SignetException.LoginRefused e) {
      return e.reason();
    }
    throw new AssertionError("logged in");
  }

  @Test
  void logsInWithAnEthersSignatureAndAuditsIt() {
    RequestId id = RequestId.next(Clock.systemUTC());
    LogInWithWallet.LoggedIn done = at(SIGNED_AT.plusSeconds(30)).logIn(relation(), id);
    assertThat(done.claims().address().value()).isEqualTo(EthersVectors.ADDRESS);
    assertThat(tokens.verify(done.token())).isEqualTo(done.claims());
    var events = audit.recent(new AuditQuery(null, null, 10));
    assertThat(events).hasSize(1);
    assertThat(events.getFirst().action()).isEqualTo(AuditAction.WALLET_LOGIN);
    assertThat(events.getFirst().requestId()).isEqualTo(id);
    assertThat(events.getFirst().target())
        .isEqualTo("address=" + EthersVectors.ADDRESS + " chain=eth wallet=metamask")
        .doesNotContain(EthersVectors.SIGNATURE.substring(0, 16));
  }

  @Test
  void acceptsTheCompressedKeyAndRefusesTheSameLoginTwice() {
    WalletLogin compressed =
        login(EthersVectors.PK_COMPRESSED, EthersVectors.MESSAGE, EthersVectors.SIGNATURE, "eth");
    at(SIGNED_AT).logIn(compressed, RequestId.next(Clock.systemUTC()));
    assertThat(refusal(SIGNED_AT, relation())).isEqualTo(Refusal.REPLAYED);
  }

  @Test
  void refusesStaleAndFutureTimestamps() {
    assertThat(refusal(SIGNED_AT.plusSeconds(301), relation())).isEqualTo(Refusal.STALE_TIMESTAMP);
    assertThat(refusal(SIGNED_AT.minusSeconds(301), relation())).isEqualTo(Refusal.STALE_TIMESTAMP);
  }

  @Test
  void refusesAnotherKeysSignatureAFlippedBitAndAnUnknownChain() throws Exception {
    ECKeyPair other = Keys.createEcKeyPair();
    Sign.SignatureData data =
        Sign.signPrefixedMessage(
            EthersVectors.MESSAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8), other);
    String otherSig =
        HexFormat.of().formatHex(data.getR())
            + HexFormat.of().formatHex(data.getS())
            + HexFormat.of().formatHex(data.getV());
    assertThat(
            refusal(
                SIGNED_AT,
                login(EthersVectors.PK_UNCOMPRESSED, EthersVectors.MESSAGE, otherSig, "eth")))
        .isEqualTo(Refusal.INVALID_SIGNATURE);
    assertThat(refusal(SIGNED_AT, withFlippedBit())).isEqualTo(Refusal.INVALID_SIGNATURE);
    String changedMessage = EthersVectors.MESSAGE.replace("Welcome", "welcome");
    assertThat(
            refusal(
                SIGNED_AT,
                login(
                    EthersVectors.PK_UNCOMPRESSED, changedMessage, EthersVectors.SIGNATURE, "eth")))
        .isEqualTo(Refusal.INVALID_SIGNATURE);
    assertThat(
            refusal(
                SIGNED_AT,
                login(
                    EthersVectors.PK_UNCOMPRESSED,
                    EthersVectors.MESSAGE,
                    EthersVectors.SIGNATURE,
                    "dogechain")))
        .isEqualTo(Refusal.UNSUPPORTED_CHAIN);
    assertThat(audit.recent(new AuditQuery(null, null, 10))).isEmpty();
  }

  @Test
  void refusesTheHighSTwinOfAValidSignature() {
    byte[] sig = HexFormat.of().parseHex(EthersVectors.SIGNATURE);
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
    byte[] twin =
        HexFormat.of()
            .parseHex(String.format("%064x", EthereumSignature.SECP256K1_ORDER.subtract(s)));
    System.arraycopy(twin, 0, sig, 32, 32);
    sig[64] = (byte) (sig[64] == 27 ? 28 : 27);
    assertThatThrownBy(() -> EthereumSignature.parse(Bytes.of(sig)))
        .isInstanceOfSatisfying(
            SignetException.LoginRefused.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.INVALID_SIGNATURE))
        .hasMessageContaining("high-S");
  }

  @Test
  void signsInWithEthereumOncePerIssuedNonce() {
    WalletLogin siwe =
        login(
            EthersVectors.PK_UNCOMPRESSED, EthersVectors.SIWE, EthersVectors.SIWE_SIGNATURE, "eth");
    assertThat(refusal(SIGNED_AT, siwe)).isEqualTo(Refusal.INVALID_NONCE);
    nonces.issue("0123456789abcdef0123456789abcdef", SIGNED_AT.plusSeconds(300));
    assertThat(
            at(SIGNED_AT.plusSeconds(5))
                .logIn(siwe, RequestId.next(Clock.systemUTC()))
                .claims()
                .address()
                .value())
        .isEqualTo(EthersVectors.ADDRESS);
    assertThat(refusal(SIGNED_AT.plusSeconds(6), siwe)).isEqualTo(Refusal.INVALID_NONCE);
    assertThat(refusal(SIGNED_AT.plusSeconds(601), siwe)).isEqualTo(Refusal.STALE_TIMESTAMP);
  }

  @Test
  void refusesASignInMessageForAnotherDomainBeforeTouchingTheNonce() {
    nonces.issue("0123456789abcdef0123456789abcdef", SIGNED_AT.plusSeconds(300));
    LogInWithWallet elsewhere =
        new LogInWithWallet(
            new WalletLoginPolicy(
                Duration.ofMinutes(5), Set.of(), Set.of("signet.example"), Duration.ofDays(7), "t"),
            new Web3jWalletSignatures(),
            replays,
            nonces,
            tokens,
            audit,
            new InstanceBudget(10, 10, Clock.systemUTC()),
            Clock.fixed(SIGNED_AT, ZoneOffset.UTC));
    WalletLogin siwe =
        login(
            EthersVectors.PK_UNCOMPRESSED, EthersVectors.SIWE, EthersVectors.SIWE_SIGNATURE, "eth");
    assertThatThrownBy(() -> elsewhere.logIn(siwe, RequestId.next(Clock.systemUTC())))
        .isInstanceOfSatisfying(
            SignetException.LoginRefused.class,
            e -> assertThat(e.reason()).isEqualTo(Refusal.INVALID_NONCE))
        .hasMessageContaining("another domain");
    assertThat(nonces.use("0123456789abcdef0123456789abcdef", SIGNED_AT)).isTrue();
  }

  @Test
  void refusesBeyondTheInstanceBudgetOnlyAfterTheCheapChecks() {
    Clock clock = Clock.fixed(SIGNED_AT, ZoneOffset.UTC);
    LogInWithWallet tight =
        new LogInWithWallet(
            new WalletLoginPolicy(
                Duration.ofMinutes(5), Set.of(), Set.of(), Duration.ofDays(7), "t"),
            new Web3jWalletSignatures(),
            replays,
            nonces,
            tokens,
            audit,
            new InstanceBudget(1, 1, clock),
            clock);
    // A bad signature costs nothing from the budget...
    WalletLogin bad = withFlippedBit();
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(() -> tight.logIn(bad, RequestId.next(Clock.systemUTC())))
          .isInstanceOf(SignetException.LoginRefused.class);
    }
    // ...so the one unit is still there for a good login; the next is over budget.
    tight.logIn(relation(), RequestId.next(Clock.systemUTC()));
    assertThatThrownBy(() -> tight.logIn(relation(), RequestId.next(Clock.systemUTC())))
        .isInstanceOf(SignetException.RateLimited.class);
  }
}
