package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.signet.application.AttestKey;
import io.signet.application.GetActiveKey;
import io.signet.application.ListKeys;
import io.signet.domain.SignetException;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyStatus;
import java.util.regex.Pattern;

/**
 * The tenant's Key Management API (DESIGN §3.2): {@code keys:read} and {@code keys:manage}. The
 * listing adds to each version its public JWK ({@code jwk}) and, for secp256k1, its EIP-55 {@code
 * address}.
 */
@Controller("/api/v1/kms/keys")
@ExecuteOn(TaskExecutors.BLOCKING)
final class KeyController {
  private final ListKeys listKeys;
  private final GetActiveKey getActiveKey;
  private final KeyOperations operations;
  private final Exchange exchange;
  private final AttestKey attest;
  private final AttestationReports reports;

  KeyController(
      ListKeys listKeys,
      GetActiveKey getActiveKey,
      KeyOperations operations,
      Exchange exchange,
      AttestKey attest,
      AttestationReports reports) {
    this.listKeys = listKeys;
    this.getActiveKey = getActiveKey;
    this.operations = operations;
    this.exchange = exchange;
    this.attest = attest;
    this.reports = reports;
  }

  /**
   * {@code GET /attestation?algorithm=&key_version=&nonce=} (DESIGN §5.3): a signed report on one
   * of the caller's own key versions, any scope; in the tenant envelope.
   */
  @Get("/attestation")
  HttpResponse<Envelope> attestation(
      HttpRequest<?> request,
      @Nullable @QueryValue String algorithm,
      @Nullable @QueryValue("key_version") String keyVersion,
      @Nullable @QueryValue String nonce) {
    Principal caller = Exchange.principal(request);
    AttestKey.nonce(nonce);
    Algorithm which = KeyOperations.algorithmOrDefault(algorithm);
    int version = keyVersion(keyVersion);
    return exchange.ok(
        request, reports.report(attest.tenantKey(caller.tenant(), which, version, nonce)));
  }

  /**
   * ASCII digits only, as in a JSON body: {@code Long.parseLong} alone would also take {@code +1}
   * and other scripts' digits (such as fullwidth {@code １}).
   */
  private static int keyVersion(String keyVersion) {
    if (keyVersion == null || !ASCII_DIGITS.matcher(keyVersion).matches()) {
      throw SignetException.InvalidRequest.field(KeyName.VERSION_RULE);
    }
    return KeyName.requireVersion(Long.parseLong(keyVersion));
  }

  private static final Pattern ASCII_DIGITS = Pattern.compile("[0-9]{1,18}");

  @Get
  HttpResponse<Envelope> list(
      HttpRequest<?> request,
      @Nullable @QueryValue String algorithm,
      @Nullable @QueryValue String status) {
    Principal caller = Exchange.authorize(request, Scope.KEYS_READ);
    var keys =
        listKeys
            .list(
                caller.tenant(),
                algorithm == null ? null : Algorithm.parse(algorithm),
                status == null ? null : KeyStatus.parse(status))
            .stream()
            .map(listed -> KeyViews.KeyView.of(listed.version(), listed.forms()))
            .toList();
    return exchange.ok(request, new KeyViews.KeyList(keys));
  }

  @Get("/active")
  HttpResponse<Envelope> active(HttpRequest<?> request, @Nullable @QueryValue String algorithm) {
    Principal caller = Exchange.authorize(request, Scope.KEYS_READ);
    Algorithm which = KeyOperations.algorithmOrDefault(algorithm);
    return exchange.ok(request, KeyViews.KeyView.of(getActiveKey.get(caller.tenant(), which)));
  }

  @Post("/generate")
  @RateCost(RateCost.KEY_CREATION)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> generate(HttpRequest<?> request, @Body byte[] body) {
    return operations.generate(request, KeyOperations.Acting.tenantOf(request), body);
  }

  @Post("/rotate")
  @RateCost(RateCost.KEY_CREATION)
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> rotate(HttpRequest<?> request, @Body byte[] body) {
    return operations.rotate(request, KeyOperations.Acting.tenantOf(request), body);
  }

  @Post("/retire")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> retire(HttpRequest<?> request, @Body byte[] body) {
    return operations.retire(request, KeyOperations.Acting.tenantOf(request), body);
  }

  @Post("/archive")
  @Consumes(MediaType.APPLICATION_JSON)
  HttpResponse<Envelope> archive(HttpRequest<?> request, @Body byte[] body) {
    return operations.archive(request, KeyOperations.Acting.tenantOf(request), body);
  }
}
