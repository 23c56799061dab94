package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.application.SignReceipt;
import io.signet.domain.SignetException;
import io.signet.domain.Uuids;
import io.signet.domain.access.Scope;
import io.signet.domain.audit.RequestId;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKeyPurpose;
import java.util.HexFormat;

/**
 * {@code GET /v1/signature/{request_id}?model=&signing_algo=} (DESIGN §5.2): the signed receipt of
 * one of the caller's earlier responses, in Phala's bare shape {@code {text, signature,
 * signing_address, signing_algo}}. {@code model} is accepted and ignored. Not itself receipted (it
 * is outside {@code /api/v1/}).
 */
@Controller("/v1/signature")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ReceiptController {
  private final SignReceipt signReceipt;

  ReceiptController(SignReceipt signReceipt) {
    this.signReceipt = signReceipt;
  }

  @Get("/{requestId}")
  HttpResponse<SignedReceiptView> receipt(
      HttpRequest<?> request,
      @PathVariable String requestId,
      @Nullable @QueryValue String model,
      @Nullable @QueryValue("signing_algo") String signingAlgo) {
    var caller = Exchange.authorize(request, Scope.RECEIPTS_READ);
    ServiceAlgorithm algorithm = algorithm(signingAlgo);
    RequestId id = parse(requestId);
    var signed = signReceipt.sign(caller.tenant(), id, algorithm);
    return HttpResponse.ok(
        new SignedReceiptView(
            signed.text(),
            "0x" + HexFormat.of().formatHex(signed.signature().toArray()),
            signed.signingAddress(),
            signed.algorithm().wireName()));
  }

  /**
   * A receipt key's {@code signing_algo} query parameter (also the attestation report's): absent is
   * {@code ecdsa}; anything but the four receipt algorithms is ERR_INVALID_001.
   */
  static ServiceAlgorithm algorithm(String name) {
    if (name == null) return ServiceAlgorithm.ECDSA;
    for (ServiceAlgorithm a : ServiceKeyPurpose.RECEIPTS.algorithms()) {
      if (a.wireName().equals(name)) return a;
    }
    throw new SignetException.InvalidRequest(
        SignetException.InvalidRequest.Reason.MALFORMED_BODY,
        "signing_algo must be one of ecdsa, ecdsa-p256, rsa, ml-dsa");
  }

  /**
   * A request id not in a UUID's text form cannot name a receipt: the same answer as an unknown one
   * (DESIGN §5.2).
   */
  private static RequestId parse(String requestId) {
    return Uuids.parse(requestId)
        .map(RequestId::new)
        .orElseThrow(() -> new SignetException.NotFound("no receipt for this request id"));
  }

  @Serdeable(naming = SnakeCaseStrategy.class)
  record SignedReceiptView(
      String text, String signature, String signingAddress, String signingAlgo) {}
}
