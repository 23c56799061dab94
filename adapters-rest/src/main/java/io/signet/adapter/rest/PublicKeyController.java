package io.signet.adapter.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signet.domain.service.ServiceKeyPurpose;

/**
 * The service keys' public halves, for anyone (DESIGN §5.1): {@code GET /v1/signing-keys} (receipt
 * keys) and {@code GET /.well-known/jwks.json} (attestation and JWT keys), current and previous.
 * Unauthenticated, so the list comes from {@link PublishedServiceKeys}, read at most once a second.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class PublicKeyController {
  static final String SIGNING_KEYS = "/v1/signing-keys";
  private final PublishedServiceKeys keys;

  PublicKeyController(PublishedServiceKeys keys) {
    this.keys = keys;
  }

  @Get(SIGNING_KEYS)
  HttpResponse<ServiceKeyViews.PublicList> signingKeys() {
    return HttpResponse.ok(
        new ServiceKeyViews.PublicList(
            keys.all().stream()
                .filter(k -> k.name().purpose() == ServiceKeyPurpose.RECEIPTS)
                .map(ServiceKeyViews.PublicView::of)
                .toList()));
  }

  @Get("/.well-known/jwks.json")
  HttpResponse<ServiceKeyViews.JwkSet> jwks() {
    return HttpResponse.ok(
        new ServiceKeyViews.JwkSet(
            keys.all().stream()
                .filter(k -> k.name().purpose() != ServiceKeyPurpose.RECEIPTS)
                .map(ServiceKeyViews.Jwk::of)
                .toList()));
  }
}
