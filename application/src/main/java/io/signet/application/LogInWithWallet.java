package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.LoginNonces;
import io.signet.application.port.LoginReplays;
import io.signet.application.port.WalletSignatures;
import io.signet.application.port.WalletTokens;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.LoginRefused.Refusal;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.AuditAction;
import io.signet.domain.audit.AuditEvent;
import io.signet.domain.audit.RequestId;
import io.signet.domain.wallet.EthereumAddress;
import io.signet.domain.wallet.LoginMessage;
import io.signet.domain.wallet.SiweMessage;
import io.signet.domain.wallet.WalletClaims;
import io.signet.domain.wallet.WalletLogin;
import io.signet.domain.wallet.WalletLoginPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Wallet login (DESIGN §6): checks a personal_sign signature of a timestamped or Sign-In with
 * Ethereum message and returns a token signed in the HSM.
 *
 * <p>Order matters for cost: everything that needs neither the database nor the HSM (fields, chain,
 * message form and times, signature recovery) is checked first; then the instance-wide {@link
 * InstanceBudget} is charged; then the message is claimed once for all instances (replay row or
 * nonce), the token is signed, and the login is audited. The token is returned only after its audit
 * entry is durable. A login refused after its claim cannot be retried as is (sign a new message).
 */
public final class LogInWithWallet {
  private final WalletLoginPolicy policy;
  private final WalletSignatures signatures;
  private final LoginReplays replays;
  private final LoginNonces nonces;
  private final WalletTokens tokens;
  private final AuditLog audit;
  private final InstanceBudget budget;
  private final Clock clock;

  public LogInWithWallet(
      WalletLoginPolicy policy,
      WalletSignatures signatures,
      LoginReplays replays,
      LoginNonces nonces,
      WalletTokens tokens,
      AuditLog audit,
      InstanceBudget budget,
      Clock clock) {
    this.policy = policy;
    this.signatures = signatures;
    this.replays = replays;
    this.nonces = nonces;
    this.tokens = tokens;
    this.audit = audit;
    this.budget = budget;
    this.clock = clock;
  }

  /** The token and its claims. */
  public record LoggedIn(String token, WalletClaims claims) {}

  public LoggedIn logIn(WalletLogin login, RequestId requestId) {
    Instant now = clock.instant();
    WalletLogin.requireAlgorithm(login.algorithm());
    String chain = policy.requireChain(login.chain());
    String wallet = policy.requireWalletName(login.walletName());
    LoginMessage message = LoginMessage.parse(login.message());
    Instant forgetAfter =
        switch (message) {
          case LoginMessage.Timestamped t -> policy.requireFresh(t.timestamp(), now);
          case LoginMessage.SignIn s -> {
            policy.requireAcceptable(s.siwe(), now);
            yield null;
          }
        };
    EthereumAddress address = signatures.address(login.publicKey());
    EthereumAddress signer =
        signatures
            .personalSigner(message.text(), login.signature())
            .orElseThrow(LogInWithWallet::invalidSignature);
    if (!signer.equals(address)) throw invalidSignature();
    if (message instanceof LoginMessage.SignIn s) requireSameAddress(s.siwe(), address);

    budget.charge();
    switch (message) {
      case LoginMessage.Timestamped t -> {
        if (!replays.firstUse(
            address, Bytes.sha256(t.text().getBytes(StandardCharsets.UTF_8)), forgetAfter)) {
          throw new SignetException.LoginRefused(
              Refusal.REPLAYED, "this signed message was already used to log in");
        }
      }
      case LoginMessage.SignIn s -> {
        if (!nonces.use(s.siwe().nonce(), now)) {
          throw new SignetException.LoginRefused(
              Refusal.INVALID_NONCE, "the nonce is unknown, expired or already used");
        }
      }
    }
    WalletClaims claims = policy.claims(address, chain, wallet, now, UUID.randomUUID().toString());
    String token = tokens.issue(claims);
    audit.append(
        new AuditEvent(
            now,
            new Actor("wallet:" + address),
            AuditAction.WALLET_LOGIN,
            "address=" + address + " chain=" + chain + " wallet=" + wallet,
            null,
            requestId));
    return new LoggedIn(token, claims);
  }

  private void requireSameAddress(SiweMessage siwe, EthereumAddress signer) {
    if (!EthereumAddress.parse(siwe.address()).equals(signer)) {
      throw new SignetException.LoginRefused(
          Refusal.INVALID_SIGNATURE, "the message names another address than the signer's");
    }
    if (!signatures.checksummed(signer).equals(siwe.address())) {
      throw SignetException.InvalidRequest.field(
          "Sign-In with Ethereum message: the address must be in EIP-55 mixed case");
    }
  }

  private static SignetException invalidSignature() {
    return new SignetException.LoginRefused(
        Refusal.INVALID_SIGNATURE, "the signature is not pk's personal_sign signature of message");
  }
}
