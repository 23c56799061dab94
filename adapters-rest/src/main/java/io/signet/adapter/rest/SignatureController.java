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
import io.signet.application.SignBatch;
import io.signet.application.SignPayload;
import io.signet.application.VerifySignature;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.key.KeyName;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SignatureFormat;
import io.signet.domain.signing.SigningInput;
import java.util.ArrayList;
import java.util.List;

/**
 * The Signature API (DESIGN §3.1): sign and verify messages or precomputed hashes with one named
 * key version, one by one or in batches of up to {@value SignBatch#MAX_ITEMS} items. {@code
 * key_version} is required; {@code algorithm} defaults to Dilithium3; {@code format} to the
 * algorithm's default; {@code context} is optional base64 (at most 255 bytes decoded). Payloads are
 * strict base64 and at most {@code signet.signing.max-payload-bytes} decoded (1 MiB): larger is
 * ERR_SIG_002. A batch item is read and checked by {@link #call} exactly as a single request is.
 */
@Controller("/api/v1/signature")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignatureController {
  private final SignPayload signPayload;
  private final SignBatch signBatch;
  private final VerifySignature verifySignature;
  private final RequestReader reader;
  private final RateLimitFilter rateLimit;
  private final Exchange exchange;

  SignatureController(
      SignPayload signPayload,
      SignBatch signBatch,
      VerifySignature verifySignature,
      RequestReader reader,
      RateLimitFilter rateLimit,
      Exchange exchange) {
    this.signPayload = signPayload;
    this.signBatch = signBatch;
    this.verifySignature = verifySignature;
    this.reader = reader;
    this.rateLimit = rateLimit;
    this.exchange = exchange;
  }

  @Post("/sign")
  @RateCost(RateCost.SIGNATURE)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> sign(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.SIGN);
    return signed(request, call(caller, reader.read(body, SignRequest.class)));
  }

  @Post("/verify")
  @RateCost(RateCost.VERIFICATION)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verify(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.VERIFY);
    return exchange.ok(request, verified(call(caller, reader.read(body, VerifyRequest.class))));
  }

  @Post("/sign-hash")
  @RateCost(RateCost.SIGNATURE)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> signHash(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.SIGN);
    return signed(request, call(caller, reader.read(body, SignHashRequest.class)));
  }

  @Post("/verify-hash")
  @RateCost(RateCost.VERIFICATION)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verifyHash(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.VERIFY);
    return exchange.ok(request, verified(call(caller, reader.read(body, VerifyHashRequest.class))));
  }

  /**
   * Signs 1 to {@value SignBatch#MAX_ITEMS} independent sign / sign-hash items. An item that fails
   * answers {@code {index, error}} and the others go on; the audit records of all signed items are
   * committed together before the answer. Charged per item, at the route's {@link RateCost}.
   */
  @Post("/sign-batch")
  @RateCost(RateCost.SIGNATURE)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> signBatch(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.SIGN);
    var items = items(request, reader.read(body, SignBatchRequest.class).items());
    List<ItemResult> results = new ArrayList<>(items.size());
    List<Call<SignItem>> calls = new ArrayList<>();
    List<Integer> callAt = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        calls.add(call(caller, read(items.get(i))));
        callAt.add(i);
        results.add(null);
      } catch (SignetException e) {
        results.add(ItemResult.failed(i, e));
      }
    }
    if (!calls.isEmpty()) {
      List<SignBatch.Outcome> outcomes =
          signBatch.sign(
              calls.stream().map(c -> new SignBatch.Item(c.key(), c.input())).toList(),
              Exchange.requestId(request));
      for (int j = 0; j < outcomes.size(); j++) {
        int index = callAt.get(j);
        results.set(
            index,
            switch (outcomes.get(j)) {
              case SignBatch.Outcome.Signed s ->
                  new ItemResult(index, signedView(calls.get(j), s.signature()), null);
              case SignBatch.Outcome.Failed f -> ItemResult.failed(index, f.error());
            });
      }
    }
    return exchange.ok(request, new BatchResults(results));
  }

  /** Verifies 1 to {@value SignBatch#MAX_ITEMS} verify / verify-hash items; see signBatch. */
  @Post("/verify-batch")
  @RateCost(RateCost.VERIFICATION)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verifyBatch(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.VERIFY);
    var items = items(request, reader.read(body, VerifyBatchRequest.class).items());
    List<ItemResult> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        results.add(new ItemResult(i, verified(call(caller, read(items.get(i)))), null));
      } catch (SignetException e) {
        results.add(ItemResult.failed(i, e));
      }
    }
    return exchange.ok(request, new BatchResults(results));
  }

  /**
   * A batch's items: at least one (at most {@value RequestReader#MAX_ITEMS} the reader checked),
   * else the whole request is refused. The rate limiter charged the first item before the body was
   * read; it charges the others now, so a batch costs what its items would cost one by one.
   */
  private <R> List<RequestReader.Item<R>> items(
      HttpRequest<?> request, List<RequestReader.Item<R>> items) {
    if (items.isEmpty()) {
      throw SignetException.InvalidRequest.field(
          "items must hold 1 to " + SignBatch.MAX_ITEMS + " requests, not 0");
    }
    rateLimit.chargeItems(request, items.size());
    return items;
  }

  /** An item the reader read, or its reason for refusing it (thrown, as a single request's is). */
  private static <R> R read(RequestReader.Item<R> item) {
    return switch (item) {
      case RequestReader.Item.Read<R> read -> read.value();
      case RequestReader.Item.Refused<R> refused -> throw refused.reason();
    };
  }

  /** The one reading of every signature request, single or batch item: key version and input. */
  private static <R extends SignatureRequest> Call<R> call(Principal caller, R request) {
    KeyName key =
        new KeyName(
            caller.tenant(),
            KeyOperations.algorithmOrDefault(request.algorithm()),
            KeyName.requireVersion(request.keyVersion()));
    return new Call<>(request, key, request.input());
  }

  private HttpResponse<Envelope> signed(HttpRequest<?> request, Call<?> call) {
    Bytes signature = signPayload.sign(call.key(), call.input(), Exchange.requestId(request));
    return exchange.ok(request, signedView(call, signature));
  }

  private <R extends SignatureRequest & Verification> Object verified(Call<R> call) {
    boolean valid = verifySignature.verify(call.key(), call.input(), call.request().signature());
    String algorithm = call.algorithm();
    if (call.input() instanceof SigningInput.Digest digest) {
      return new VerifiedHash(
          valid, call.key().version(), algorithm, digest.algorithm().wireName());
    }
    return new Verified(valid, call.key().version(), algorithm);
  }

  private static Object signedView(Call<?> call, Bytes signature) {
    if (call.input() instanceof SigningInput.Digest digest) {
      return new SignedHash(
          signature.base64(),
          call.key().version(),
          call.algorithm(),
          digest.algorithm().wireName(),
          "detached");
    }
    return new Signed(signature.base64(), call.key().version(), call.algorithm());
  }

  private record Call<R>(R request, KeyName key, SigningInput input) {
    String algorithm() {
      return key.algorithm().wireName();
    }
  }

  /** What every signature request shares; each record adds its payload fields. */
  sealed interface SignatureRequest permits MessageRequest, HashRequest, ItemRequest {
    long keyVersion();

    @Nullable
    String algorithm();

    @Nullable
    Bytes context();

    @Nullable
    String format();

    /** The message or hash with its context and format, as the domain takes it. */
    SigningInput input();

    default SigningInput messageInput(Bytes message) {
      return new SigningInput.Message(message, contextOrEmpty(), formatOrDefault());
    }

    default SigningInput digestInput(String hashAlgorithm, Bytes hash) {
      return new SigningInput.Digest(
          HashAlgorithm.parse(hashAlgorithm), hash, contextOrEmpty(), formatOrDefault());
    }

    private Bytes contextOrEmpty() {
      return context() == null ? Bytes.of(new byte[0]) : context();
    }

    /** The format named, or null for the algorithm's default. */
    private @Nullable SignatureFormat formatOrDefault() {
      return format() == null ? null : SignatureFormat.parse(format());
    }
  }

  /** A request that carries a signature to check. */
  interface Verification {
    Bytes signature();
  }

  /** A request over a whole message. */
  sealed interface MessageRequest extends SignatureRequest {
    Bytes message();

    @Override
    default SigningInput input() {
      return messageInput(message());
    }
  }

  /** A request over a hash the caller computed. */
  sealed interface HashRequest extends SignatureRequest {
    Bytes hash();

    String hashAlgorithm();

    @Override
    default SigningInput input() {
      return digestInput(hashAlgorithm(), hash());
    }
  }

  /** A batch item: a message request or a hash request, whichever its fields give. */
  sealed interface ItemRequest extends SignatureRequest {
    @Nullable
    Bytes message();

    @Nullable
    Bytes hash();

    @Nullable
    String hashAlgorithm();

    @Override
    default SigningInput input() {
      boolean hashed = hash() != null || hashAlgorithm() != null;
      if (message() != null && hashed) {
        throw SignetException.InvalidRequest.field(
            "give either message or hash (with hash_algorithm), not both");
      }
      if (message() != null) return messageInput(message());
      if (!hashed) {
        throw SignetException.InvalidRequest.field(
            "message is required (or hash with hash_algorithm)");
      }
      if (hash() == null) throw SignetException.InvalidRequest.field("hash is required");
      if (hashAlgorithm() == null) {
        throw SignetException.InvalidRequest.field("hash_algorithm is required");
      }
      return digestInput(hashAlgorithm(), hash());
    }
  }

  /** {@code POST /sign}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record SignRequest(
      Bytes message,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context,
      @Nullable String format)
      implements MessageRequest {}

  /** {@code POST /verify}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record VerifyRequest(
      Bytes message,
      Bytes signature,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context,
      @Nullable String format)
      implements MessageRequest, Verification {}

  /** {@code POST /sign-hash}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record SignHashRequest(
      Bytes hash,
      String hashAlgorithm,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context,
      @Nullable String format)
      implements HashRequest {}

  /** {@code POST /verify-hash}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record VerifyHashRequest(
      Bytes hash,
      String hashAlgorithm,
      Bytes signature,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context,
      @Nullable String format)
      implements HashRequest, Verification {}

  /** One item of {@code POST /sign-batch}: a sign or a sign-hash request. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record SignItem(
      @Nullable Bytes message,
      @Nullable Bytes hash,
      @Nullable String hashAlgorithm,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context,
      @Nullable String format)
      implements ItemRequest {}

  /** One item of {@code POST /verify-batch}: a verify or a verify-hash request. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record VerifyItem(
      @Nullable Bytes message,
      @Nullable Bytes hash,
      @Nullable String hashAlgorithm,
      Bytes signature,
      long keyVersion,
      @Nullable String algorithm,
      @Nullable Bytes context,
      @Nullable String format)
      implements ItemRequest, Verification {}

  /** {@code POST /sign-batch}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record SignBatchRequest(List<RequestReader.Item<SignItem>> items) {}

  /** {@code POST /verify-batch}. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record VerifyBatchRequest(List<RequestReader.Item<VerifyItem>> items) {}

  /** One item's answer: its data, or its error, with its position in the request. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record ItemResult(int index, @Nullable Object data, @Nullable Envelope.Failure error) {
    static ItemResult failed(int index, SignetException e) {
      return new ItemResult(
          index, null, new Envelope.Failure(ErrorResponses.code(e), e.getMessage()));
    }
  }

  @Serdeable(naming = SnakeCaseStrategy.class)
  record BatchResults(List<ItemResult> results) {}

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
