package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signet.application.AttestKey;
import io.signet.domain.service.ServiceAlgorithm;

/**
 * {@code GET /v1/attestation/report?nonce=&signing_address=&signing_algo=} (DESIGN §5.3): a signed
 * report on a receipt service key, for an API key with any scope. The body is the bare {@code
 * {report, claims}} (Phala's shape, as {@code /v1/signature}); {@code signing_algo} defaults to
 * {@code ecdsa}, {@code signing_address} to the current key of that algorithm.
 */
@Controller("/v1/attestation")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AttestationController {
  private final AttestKey attest;
  private final AttestationReports reports;

  AttestationController(AttestKey attest, AttestationReports reports) {
    this.attest = attest;
    this.reports = reports;
  }

  @Get("/report")
  HttpResponse<AttestationReports.Report> report(
      HttpRequest<?> request,
      @Nullable @QueryValue String nonce,
      @Nullable @QueryValue("signing_address") String signingAddress,
      @Nullable @QueryValue("signing_algo") String signingAlgo) {
    Exchange.principal(request);
    AttestKey.nonce(nonce);
    ServiceAlgorithm algorithm = ReceiptController.algorithm(signingAlgo);
    return HttpResponse.ok(reports.report(attest.serviceKey(nonce, signingAddress, algorithm)));
  }
}
