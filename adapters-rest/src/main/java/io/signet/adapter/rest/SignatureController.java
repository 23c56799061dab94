package io.signet.adapter.rest;

import io.micronaut.context.annotation.Value;
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
import io.signet.domain.SignetException;
import io.signet.domain.SignetException.InvalidRequest.Reason;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.key.KeyName;
import io.signet.domain.signing.HashAlgorithm;
import io.signet.domain.signing.SigningInput;
import java.util.Set;

/**
 * The Signature API (DESIGN §3.1): sign and verify messages or precomputed hashes with one named
 * key version. {@code key_version} is required; {@code algorithm} defaults to Dilithium3; {@code
 * context} is optional base64 (at most 255 bytes decoded). Payloads are strict base64 and at most
 * {@code signet.signing.max-payload-bytes} decoded (1 MiB): larger is ERR_SIG_002.
 */
@Controller("/api/v1/signature")
@ExecuteOn(TaskExecutors.BLOCKING)
final class SignatureController {
  private static final Set<String> SIGN = Set.of("message", "key_version", "algorithm", "context");
  private static final Set<String> VERIFY =
      Set.of("message", "signature", "key_version", "algorithm", "context");
  private static final Set<String> SIGN_HASH =
      Set.of("hash", "hash_algorithm", "key_version", "algorithm", "context");
  private static final Set<String> VERIFY_HASH =
      Set.of("hash", "hash_algorithm", "signature", "key_version", "algorithm", "context");

  private final SignPayload signPayload;
  private final VerifySignature verifySignature;
  private final Exchange exchange;
  private final int maxPayloadBytes;

  SignatureController(
      SignPayload signPayload,
      VerifySignature verifySignature,
      Exchange exchange,
      @Value("${signet.signing.max-payload-bytes:1048576}") int maxPayloadBytes) {
    this.signPayload = signPayload;
    this.verifySignature = verifySignature;
    this.exchange = exchange;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  @Post("/sign")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> sign(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.SIGN);
    JsonBody fields = JsonBody.parse(body, SIGN);
    KeyName key = keyName(caller, fields);
    SigningInput input = new SigningInput.Message(payload(fields, "message"), context(fields));
    var signed = signPayload.sign(key, input, Exchange.requestId(request));
    return exchange.ok(
        request,
        new Signed(signed.signature().base64(), key.version(), key.algorithm().wireName()));
  }

  @Post("/verify")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verify(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.VERIFY);
    JsonBody fields = JsonBody.parse(body, VERIFY);
    KeyName key = keyName(caller, fields);
    SigningInput input = new SigningInput.Message(payload(fields, "message"), context(fields));
    boolean valid = verifySignature.verify(key, input, payload(fields, "signature"));
    return exchange.ok(request, new Verified(valid, key.version(), key.algorithm().wireName()));
  }

  @Post("/sign-hash")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> signHash(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.SIGN);
    JsonBody fields = JsonBody.parse(body, SIGN_HASH);
    KeyName key = keyName(caller, fields);
    SigningInput.Digest input = digest(fields);
    var signed = signPayload.sign(key, input, Exchange.requestId(request));
    return exchange.ok(
        request,
        new SignedHash(
            signed.signature().base64(),
            key.version(),
            key.algorithm().wireName(),
            input.algorithm().wireName(),
            "detached"));
  }

  @Post("/verify-hash")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> verifyHash(HttpRequest<?> request, @Body byte[] body) {
    Principal caller = Exchange.authorize(request, Scope.VERIFY);
    JsonBody fields = JsonBody.parse(body, VERIFY_HASH);
    KeyName key = keyName(caller, fields);
    SigningInput.Digest input = digest(fields);
    boolean valid = verifySignature.verify(key, input, payload(fields, "signature"));
    return exchange.ok(
        request,
        new VerifiedHash(
            valid, key.version(), key.algorithm().wireName(), input.algorithm().wireName()));
  }

  private static KeyName keyName(Principal caller, JsonBody fields) {
    int version = KeyName.requireVersion(fields.integer("key_version"));
    return new KeyName(caller.tenant(), KeyOperations.algorithm(fields), version);
  }

  private SigningInput.Digest digest(JsonBody fields) {
    HashAlgorithm algorithm = HashAlgorithm.parse(fields.string("hash_algorithm"));
    return new SigningInput.Digest(algorithm, payload(fields, "hash"), context(fields));
  }

  private Bytes payload(JsonBody fields, String field) {
    String encoded = fields.string(field);
    if (encoded.length() > 4L * ((maxPayloadBytes + 2) / 3)) throw tooLarge(field);
    byte[] decoded = JsonBody.base64(field, encoded);
    if (decoded.length > maxPayloadBytes) throw tooLarge(field);
    return Bytes.of(decoded);
  }

  private static Bytes context(JsonBody fields) {
    return Bytes.of(
        fields
            .optionalString("context")
            .map(c -> JsonBody.base64("context", c))
            .orElse(new byte[0]));
  }

  private SignetException tooLarge(String field) {
    return new SignetException.InvalidRequest(
        Reason.TOO_LARGE, field + " is over the limit of " + maxPayloadBytes + " bytes (decoded)");
  }

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
