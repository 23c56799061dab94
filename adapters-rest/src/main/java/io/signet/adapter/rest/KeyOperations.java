package io.signet.adapter.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.signet.application.ArchiveKey;
import io.signet.application.GenerateKey;
import io.signet.application.RetireKey;
import io.signet.application.RotateKey;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;
import java.util.Set;

/**
 * The key lifecycle operations as both APIs expose them (the tenant's {@code /api/v1/kms/keys/…}
 * and the operator's {@code /admin/v1/tenants/{id}/keys/…}): the same bodies, the same answers.
 */
@Singleton
final class KeyOperations {
  private final GenerateKey generateKey;
  private final RotateKey rotateKey;
  private final RetireKey retireKey;
  private final ArchiveKey archiveKey;
  private final Exchange exchange;

  KeyOperations(
      GenerateKey generateKey,
      RotateKey rotateKey,
      RetireKey retireKey,
      ArchiveKey archiveKey,
      Exchange exchange) {
    this.generateKey = generateKey;
    this.rotateKey = rotateKey;
    this.retireKey = retireKey;
    this.archiveKey = archiveKey;
    this.exchange = exchange;
  }

  HttpResponse<Envelope> generate(
      HttpRequest<?> request, TenantId tenant, byte[] body, Invocation by) {
    Algorithm algorithm = algorithm(JsonBody.parse(body, Set.of("algorithm")));
    return exchange.created(
        request, KeyViews.KeyView.of(generateKey.generate(tenant, algorithm, by)));
  }

  HttpResponse<Envelope> rotate(
      HttpRequest<?> request, TenantId tenant, byte[] body, Invocation by) {
    Algorithm algorithm = algorithm(JsonBody.parse(body, Set.of("algorithm")));
    RotateKey.Rotated rotated = rotateKey.rotate(tenant, algorithm, by);
    return exchange.ok(
        request,
        new KeyViews.RotatedView(
            KeyViews.KeyView.of(rotated.active()), KeyViews.KeyView.of(rotated.retired())));
  }

  HttpResponse<Envelope> retire(
      HttpRequest<?> request, TenantId tenant, byte[] body, Invocation by) {
    KeyName name = keyName(tenant, body);
    return exchange.ok(request, KeyViews.KeyView.of(retireKey.retire(name, by)));
  }

  HttpResponse<Envelope> archive(
      HttpRequest<?> request, TenantId tenant, byte[] body, Invocation by) {
    ArchiveKey.Archived archived = archiveKey.archive(keyName(tenant, body), by);
    return exchange.ok(
        request,
        new KeyViews.ArchivedView(
            KeyViews.KeyView.of(archived.version()), archived.privateKeyDestroyed()));
  }

  static Algorithm algorithm(JsonBody body) {
    return body.optionalString("algorithm")
        .map(Algorithm::parse)
        .orElse(Algorithm.defaultAlgorithm());
  }

  private static KeyName keyName(TenantId tenant, byte[] body) {
    JsonBody fields = JsonBody.parse(body, Set.of("algorithm", "key_version"));
    int version = KeyName.requireVersion(fields.integer("key_version"));
    return new KeyName(tenant, algorithm(fields), version);
  }
}
