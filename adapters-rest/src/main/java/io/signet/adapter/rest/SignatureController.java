package io.signet.adapter.rest;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.application.ChargeRequest;
import io.signet.application.SignBatch;
import io.signet.application.SignPayload;
import io.signet.application.VerifySignature;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.key.KeyName;
import io.signet.domain.signing.SigningInput;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Signature API (DESIGN §3.1): sign and verify messages or precomputed hashes with one named
 * key version, one by one or in batches. The fields are read in {@link SignatureRequests}.
 */
@Controller("/api/v1/signature")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignatureController {
  private final SignPayload signPayload;
  private final SignBatch signBatch;
  private final VerifySignature verifySignature;
  private final ChargeRequest charge;
  private final Exchange exchange;
  private final SignatureRequests requests;

  SignatureController(
      SignPayload signPayload,
      SignBatch signBatch,
      VerifySignature verifySignature,
      ChargeRequest charge,
      Exchange exchange,
      @Value("${signet.signing.max-payload-bytes:1048576}") int maxPayloadBytes) {
    this.signPayload = signPayload;
    this.signBatch = signBatch;
    this.verifySignature = verifySignature;
    this.charge = charge;
    this.exchange = exchange;
    this.requests = new SignatureRequests(maxPayloadBytes);
  }

  @Post("/sign")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> sign(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.SIGN);
    var parsed =
        requests.sign(
            caller, JsonBody.parse(body, SignatureRequests.SIGN), SignatureRequests.Kind.MESSAGE);
    var signed = signPayload.sign(parsed.key(), parsed.input(), Exchange.requestId(request));
    return exchange.ok(request, signedView(parsed, signed.signature()));
  }

  @Post("/verify")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verify(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.VERIFY);
    var parsed =
        requests.verify(
            caller, JsonBody.parse(body, SignatureRequests.VERIFY), SignatureRequests.Kind.MESSAGE);
    return exchange.ok(request, verifiedView(parsed, verify(parsed)));
  }

  @Post("/sign-hash")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> signHash(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.SIGN);
    var parsed =
        requests.sign(
            caller, JsonBody.parse(body, SignatureRequests.SIGN_HASH), SignatureRequests.Kind.HASH);
    var signed = signPayload.sign(parsed.key(), parsed.input(), Exchange.requestId(request));
    return exchange.ok(request, signedView(parsed, signed.signature()));
  }

  @Post("/verify-hash")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verifyHash(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.VERIFY);
    var parsed =
        requests.verify(
            caller,
            JsonBody.parse(body, SignatureRequests.VERIFY_HASH),
            SignatureRequests.Kind.HASH);
    return exchange.ok(request, verifiedView(parsed, verify(parsed)));
  }

  /**
   * Signs 1 to 1000 independent sign / sign-hash items (DESIGN §3.1). Each item is read and checked
   * exactly as the single endpoints do; one that fails answers {@code {index, error}} and the
   * others go on. The audit records of all signed items are committed together before the answer.
   * Charged per item.
   */
  @Post("/sign-batch")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> signBatch(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.SIGN);
    List<JsonNode> items = items(request, caller, body);
    List<Object> results = new ArrayList<>(items.size());
    List<SignBatch.Item> toSign = new ArrayList<>();
    List<Integer> signedAt = new ArrayList<>();
    List<SignatureRequests.Parsed> parsed = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      try {
        var item =
            requests.sign(
                caller,
                JsonBody.of(items.get(i), SignatureRequests.SIGN_ITEM),
                SignatureRequests.Kind.EITHER);
        toSign.add(new SignBatch.Item(item.key(), item.input()));
        parsed.add(item);
        signedAt.add(i);
        results.add(null);
      } catch (SignetException e) {
        results.add(failure(i, e));
      }
    }
    if (!toSign.isEmpty()) {
      List<SignBatch.Outcome> outcomes = signBatch.sign(toSign, Exchange.requestId(request));
      for (int j = 0; j < outcomes.size(); j++) {
        int index = signedAt.get(j);
        results.set(
            index,
            switch (outcomes.get(j)) {
              case SignBatch.Outcome.Signed s ->
                  new ItemResult(index, signedView(parsed.get(j), s.signed().signature()), null);
              case SignBatch.Outcome.Failed f -> failure(index, f.error());
            });
      }
    }
    return exchange.ok(request, new BatchResults(results));
  }

  /** Verifies 1 to 1000 independent verify / verify-hash items; see {@link #signBatch}. */
  @Post("/verify-batch")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verifyBatch(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.VERIFY);
    List<JsonNode> items = items(request, caller, body);
    List<Object> results = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      try {
        var item =
            requests.verify(
                caller,
                JsonBody.of(items.get(i), SignatureRequests.VERIFY_ITEM),
                SignatureRequests.Kind.EITHER);
        results.add(new ItemResult(i, verifiedView(item, verify(item)), null));
      } catch (SignetException e) {
        results.add(failure(i, e));
      }
    }
    return exchange.ok(request, new BatchResults(results));
  }

  /**
   * The items of a batch body: 1 to {@value SignBatch#MAX_ITEMS}, else the whole request is
   * ERR_SIG_001. The rate limiter charged the first item; the others are charged here, so a batch
   * costs what its items would cost one by one.
   */
  private List<JsonNode> items(HttpRequest<?> request, Principal caller, byte[] body) {
    List<JsonNode> items = JsonBody.parse(body, Set.of("items")).array("items");
    if (items.isEmpty() || items.size() > SignBatch.MAX_ITEMS) {
      throw SignetException.InvalidRequest.field(
          "items must hold 1 to " + SignBatch.MAX_ITEMS + " requests, not " + items.size());
    }
    int more = (items.size() - 1) * RateLimitFilter.cost(request.getPath());
    if (more > 0) charge.charge(caller, more);
    return items;
  }

  private boolean verify(SignatureRequests.Parsed parsed) {
    return verifySignature.verify(parsed.key(), parsed.input(), parsed.signature());
  }

  private static Object signedView(SignatureRequests.Parsed parsed, Bytes signature) {
    KeyName key = parsed.key();
    if (parsed.input() instanceof SigningInput.Digest digest) {
      return new SignedHash(
          signature.base64(),
          key.version(),
          key.algorithm().wireName(),
          digest.algorithm().wireName(),
          "detached");
    }
    return new Signed(signature.base64(), key.version(), key.algorithm().wireName());
  }

  private static Object verifiedView(SignatureRequests.Parsed parsed, boolean valid) {
    KeyName key = parsed.key();
    if (parsed.input() instanceof SigningInput.Digest digest) {
      return new VerifiedHash(
          valid, key.version(), key.algorithm().wireName(), digest.algorithm().wireName());
    }
    return new Verified(valid, key.version(), key.algorithm().wireName());
  }

  private static ItemResult failure(int index, SignetException e) {
    return new ItemResult(
        index, null, new Envelope.Failure(ErrorResponses.code(e), e.getMessage()));
  }

  /** One item's answer: its data, or its error, with its position in the request. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record ItemResult(int index, @Nullable Object data, @Nullable Envelope.Failure error) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record BatchResults(List<Object> results) {}

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
