package io.signet.adapter.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signet.application.ListServiceKeys;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyPurpose;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The service keys' public halves, for anyone (DESIGN §5.1): {@code GET /v1/signing-keys} (receipt
 * keys) and {@code GET /.well-known/jwks.json} (attestation and JWT keys), current and previous.
 * Unauthenticated, so the list is read from the database at most once a second per instance; a
 * rotation shows within that second, and at once on the instance that rotated.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
final class PublicKeyController {
  static final String SIGNING_KEYS = "/v1/signing-keys";
  private static final Duration FRESHNESS = Duration.ofSeconds(1);
  private final ListServiceKeys list;
  private final Clock clock;
  private Snapshot snapshot = new Snapshot(Instant.MIN, List.of());

  PublicKeyController(ListServiceKeys list, Clock clock) {
    this.list = list;
    this.clock = clock;
  }

  @Get(SIGNING_KEYS)
  HttpResponse<ServiceKeyViews.PublicList> signingKeys() {
    return HttpResponse.ok(
        new ServiceKeyViews.PublicList(
            keys().stream()
                .filter(k -> k.name().purpose() == ServiceKeyPurpose.RECEIPTS)
                .map(ServiceKeyViews.PublicView::of)
                .toList()));
  }

  @Get("/.well-known/jwks.json")
  HttpResponse<ServiceKeyViews.JwkSet> jwks() {
    return HttpResponse.ok(
        new ServiceKeyViews.JwkSet(
            keys().stream()
                .filter(k -> k.name().purpose() != ServiceKeyPurpose.RECEIPTS)
                .map(ServiceKeyViews.Jwk::of)
                .toList()));
  }

  /** The next request reads the keys afresh: after a rotation on this instance. */
  synchronized void forget() {
    snapshot = new Snapshot(Instant.MIN, List.of());
  }

  private synchronized List<ServiceKey> keys() {
    Instant now = clock.instant();
    if (snapshot.at().plus(FRESHNESS).isBefore(now)) snapshot = new Snapshot(now, list.all());
    return snapshot.keys();
  }

  private record Snapshot(Instant at, List<ServiceKey> keys) {}
}
