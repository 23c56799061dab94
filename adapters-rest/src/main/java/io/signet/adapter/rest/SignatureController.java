package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.application.SignPayload;
import io.signet.application.VerifySignature;
import io.signet.domain.Bytes;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.key.KeyName;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SigningInput;

/**
 * The Signature API (DESIGN §3.1): sign and verify messages or precomputed hashes with one named
 * key version. {@code key_version} is required; {@code algorithm} defaults to Dilithium3; {@code
 * context} is optional base64 (at most 255 bytes decoded). Payloads are strict base64 and at most
 * {@code signet.signing.max-payload-bytes} decoded (1 MiB): larger is ERR_SIG_002.
 */
@Controller("/api/v1/signature")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignatureController {
  private final SignPayload signPayload;
  private final VerifySignature verifySignature;
  private final RequestReader reader;
  private final Exchange exchange;

  SignatureController(
      SignPayload signPayload,
      VerifySignature verifySignature,
      RequestReader reader,
      Exchange exchange) {
    this.signPayload = signPayload;
    this.verifySignature = verifySignature;
    this.reader = reader;
    this.exchange = exchange;
  }

  @Post("/sign")
  @RateCost(RateCost.SIGNATURE)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> sign(HttpRequest<?> request, @Body byte[] body) {
    var call = read(request, Scope.SIGN, body, SignRequest.class);
    var signed = signPayload.sign(call.key(), call.input(), Exchange.requestId(request));
    return exchange.ok(
        request, new Signed(signed.base64(), call.key().version(), call.algorithm()));
  }

  @Post("/verify")
  @RateCost(RateCost.VERIFICATION)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verify(HttpRequest<?> request, @Body byte[] body) {
    var call = read(request, Scope.VERIFY, body, VerifyRequest.class);
    boolean valid = verifySignature.verify(call.key(), call.input(), call.request().signature());
    return exchange.ok(request, new Verified(valid, call.key().version(), call.algorithm()));
  }

  @Post("/sign-hash")
  @RateCost(RateCost.SIGNATURE)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> signHash(HttpRequest<?> request, @Body byte[] body) {
    var call = read(request, Scope.SIGN, body, SignHashRequest.class);
    var signed = signPayload.sign(call.key(), call.input(), Exchange.requestId(request));
    return exchange.ok(
        request,
        new SignedHash(
            signed.base64(),
            call.key().version(),
            call.algorithm(),
            call.request().hashAlgorithm(),
            "detached"));
  }

  @Post("/verify-hash")
  @RateCost(RateCost.VERIFICATION)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verifyHash(HttpRequest<?> request, @Body byte[] body) {
    var call = read(request, Scope.VERIFY, body, VerifyHashRequest.class);
    boolean valid = verifySignature.verify(call.key(), call.input(), call.request().signature());
    return exchange.ok(
        request,
        new VerifiedHash(
            valid, call.key().version(), call.algorithm(), call.request().hashAlgorithm()));
  }

  /** The four handlers' common start: the scope, the body, the key version and the input. */
  private <R extends SignatureRequest> Call<R> read(
      HttpRequest<?> request, Scope scope, byte[] body, Class<R> type) {
    Principal caller = Exchange.authorize(request, scope);
    R parsed = reader.read(body, type);
    KeyName key =
        new KeyName(
            caller.tenant(),
            KeyOperations.algorithmOrDefault(parsed.algorithm()),
            KeyName.requireVersion(parsed.keyVersion()));
    return new Call<>(parsed, key, parsed.input());
  }

  private record Call<R>(R request, KeyName key, SigningInput input) {
    String algorithm() {
      return key.algorithm().wireName();
    }
  }

  /** What the four signature requests share; each record adds its payload fields. */
  sealed interface SignatureRequest permits MessageRequest, HashRequest {
    long keyVersion();

    @Nullable
    String algorithm();

    @Nullable
    Bytes context();

    /** The message or hash with its context, as the domain takes it. */
    SigningInput input();

    default Bytes contextOrEmpty() {
      return context() == null ? Bytes.of(new byte[0]) : context();
    }
  }

  /** A request over a whole message. */
  sealed interface MessageRequest extends SignatureRequest {
    Bytes message();

    @Override
    default SigningInput input() {
      return new SigningInput.Message(message(), contextOrEmpty());
    }
  }

  /** A request over a hash the caller computed. */
  sealed interface HashRequest extends SignatureRequest {
    Bytes hash();

    String hashAlgorithm();

    @Override
    default SigningInput input() {
      return new SigningInput.Digest(
          HashAlgorithm.parse(hashAlgorithm()), hash(), contextOrEmpty());
    }
  }

  /** {@code POST /sign}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record SignRequest(
      Bytes message, long keyVersion, @Nullable String algorithm, @Nullable Bytes context)
      implements MessageRequest {}

  /** {@code POST /verify}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record VerifyRequest(
      Bytes message,
      Bytes signature,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context)
      implements MessageRequest {}

  /** {@code POST /sign-hash}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record SignHashRequest(
      Bytes hash,
      String hashAlgorithm,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context)
      implements HashRequest {}

  /** {@code POST /verify-hash}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record VerifyHashRequest(
      Bytes hash,
      String hashAlgorithm,
      Bytes signature,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context)
      implements HashRequest {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record Signed(String signature, int keyVersion, String algorithm) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record Verified(boolean valid, int keyVersion, String algorithm) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record SignedHash(
      String signature,
      int keyVersion,
      String algorithm,
      String hashAlgorithm,
      String signatureType) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record VerifiedHash(boolean valid, int keyVersion, String algorithm, String hashAlgorithm) {}
}
