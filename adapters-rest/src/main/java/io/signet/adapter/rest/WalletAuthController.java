package io.signet.adapter.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.application.IssueLoginNonce;
import io.signet.application.LogInWithWallet;
import io.signet.application.ReadWalletToken;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import io.signet.domain.SignetException.LoginRefused;
import io.signet.domain.wallet.EthereumSignature;
import io.signet.domain.wallet.WalletClaims;
import io.signet.domain.wallet.WalletLogin;
import io.signet.domain.wallet.WalletPublicKey;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wallet login (DESIGN §6, Relation One-compatible): {@code POST /auth} exchanges an Ethereum
 * personal_sign signature for an ES256 token, {@code GET /auth/nonce} issues Sign-In with Ethereum
 * nonces, {@code GET /auth/me} shows a token's claims. No API key: these routes are limited per
 * client address ({@link ClientThrottleFilter}) and their errors are written {@code {"code",
 * "message"}} ({@link WalletErrorShape}).
 */
@Controller("/auth")
@ExecuteOn(TaskExecutors.BLOCKING)
final class WalletAuthController {
  private static final Logger LOG = LoggerFactory.getLogger(WalletAuthController.class);

  /** A login is a few hundred bytes with a message of at most 4 KiB; far larger is refused. */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private final LogInWithWallet logIn;
  private final IssueLoginNonce issueNonce;
  private final ReadWalletToken readToken;
  private final RequestReader reader;

  WalletAuthController(
      LogInWithWallet logIn,
      IssueLoginNonce issueNonce,
      ReadWalletToken readToken,
      RequestReader reader) {
    this.logIn = logIn;
    this.issueNonce = issueNonce;
    this.readToken = readToken;
    this.reader = reader;
  }

  @Post
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<LoggedIn> logIn(HttpRequest<?> request, @Body byte[] body) {
    if (body != null && body.length > MAX_BODY_BYTES) {
      throw new SignetException.InvalidRequest(
          Reason.TOO_LARGE, "the request body must be at most " + MAX_BODY_BYTES + " bytes");
    }
    LoginRequest fields = reader.read(body, LoginRequest.class);
    String algorithm = WalletLogin.requireAlgorithm(fields.algorithm().name());
    WalletLogin login =
        new WalletLogin(
            new WalletPublicKey(hex("pk", fields.pk())),
            algorithm,
            fields.message(),
            fields.walletName(),
            EthereumSignature.parse(hex("decoded_signature", fields.decodedSignature())),
            fields.chainName());
    var requestId = Exchange.requestId(request);
    LogInWithWallet.LoggedIn done = logIn.logIn(login, requestId);
    WalletClaims claims = done.claims();
    LOG.info(
        "wallet login: address {} wallet {} chain {} request {}",
        claims.address(),
        claims.wallet().replaceAll("\\p{Cntrl}", "?"),
        claims.chain(),
        requestId);
    return HttpResponse.ok(new LoggedIn("success", done.token()));
  }

  @Get("/nonce")
  HttpResponse<NonceIssued> nonce() {
    IssueLoginNonce.Nonce nonce = issueNonce.issue();
    return HttpResponse.ok(
        new NonceIssued("success", nonce.value(), Exchange.format(nonce.expiresAt())));
  }

  @Get("/me")
  HttpResponse<Claims> me(HttpRequest<?> request) {
    String header = Exchange.soleCredential(request, HttpHeaders.AUTHORIZATION).orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new LoginRefused(
          LoginRefused.Refusal.INVALID_TOKEN, "Authorization: Bearer <token> is required");
    }
    WalletClaims claims = readToken.read(header.substring(7).strip());
    return HttpResponse.ok(
        new Claims(
            claims.issuer(),
            claims.subject(),
            claims.issuedAt().getEpochSecond(),
            claims.expiresAt().getEpochSecond(),
            claims.tokenId(),
            claims.wallet()));
  }

  /** Hex digits (either case, even count, no {@code 0x}), decoded. */
  private static Bytes hex(String field, String value) {
    if (value.length() > 1024 || value.length() % 2 != 0) {
      throw SignetException.InvalidRequest.field(field + " must be hex without 0x");
    }
    try {
      return Bytes.of(HexFormat.of().parseHex(value));
    } catch (IllegalArgumentException e) {
      throw SignetException.InvalidRequest.field(field + " must be hex without 0x");
    }
  }

  /**
   * {@code POST /auth}, Relation One's request: {@code algorithm} is {@code {"secp256k1": null}};
   * {@code pk} and {@code decoded_signature} are hex without {@code 0x}.
   */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record LoginRequest(
      String pk,
      RequestReader.Tag algorithm,
      String message,
      String walletName,
      String decodedSignature,
      String chainName) {}

  @Serdeable
  record LoggedIn(String code, String token) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record NonceIssued(String code, String nonce, String expiresAt) {}

  /** A token's claims as the JWT carries them (times in seconds since the epoch). */
  @Serdeable
  record Claims(String iss, String sub, long iat, long exp, String jti, String wallet) {}
}
