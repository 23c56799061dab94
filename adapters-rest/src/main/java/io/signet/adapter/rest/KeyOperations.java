package io.signet.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.application.ArchiveKey;
import io.signet.application.GenerateKey;
import io.signet.application.RetireKey;
import io.signet.application.RotateKey;
import io.signet.domain.access.Scope;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import jakarta.inject.Singleton;

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
  private final RequestReader reader;
  private final Exchange exchange;

  KeyOperations(
      GenerateKey generateKey,
      RotateKey rotateKey,
      RetireKey retireKey,
      ArchiveKey archiveKey,
      RequestReader reader,
      Exchange exchange) {
    this.generateKey = generateKey;
    this.rotateKey = rotateKey;
    this.retireKey = retireKey;
    this.archiveKey = archiveKey;
    this.reader = reader;
    this.exchange = exchange;
  }

  HttpResponse<Envelope> generate(HttpRequest<?> request, Acting acting, byte[] body) {
    Algorithm algorithm = algorithmOrDefault(reader.read(body, KeyRequest.class).algorithm());
    return exchange.created(
        request,
        KeyViews.KeyView.of(generateKey.generate(acting.tenant(), algorithm, acting.by())));
  }

  HttpResponse<Envelope> rotate(HttpRequest<?> request, Acting acting, byte[] body) {
    Algorithm algorithm = algorithmOrDefault(reader.read(body, KeyRequest.class).algorithm());
    RotateKey.Rotated rotated = rotateKey.rotate(acting.tenant(), algorithm, acting.by());
    return exchange.ok(
        request,
        new KeyViews.RotatedView(
            KeyViews.KeyView.of(rotated.active()), KeyViews.KeyView.of(rotated.retired())));
  }

  HttpResponse<Envelope> retire(HttpRequest<?> request, Acting acting, byte[] body) {
    KeyName name = reader.read(body, KeyVersionRequest.class).keyName(acting.tenant());
    return exchange.ok(request, KeyViews.KeyView.of(retireKey.retire(name, acting.by())));
  }

  HttpResponse<Envelope> archive(HttpRequest<?> request, Acting acting, byte[] body) {
    ArchiveKey.Archived archived =
        archiveKey.archive(
            reader.read(body, KeyVersionRequest.class).keyName(acting.tenant()), acting.by());
    return exchange.ok(
        request,
        new KeyViews.ArchivedView(
            KeyViews.KeyView.of(archived.version()), archived.privateKeyDestroyed()));
  }

  /** Whose keys an operation acts on, and who asks (for the audit). */
  record Acting(TenantId tenant, Invocation by) {
    /** The calling API key's own tenant's keys; the key needs {@code keys:manage}. */
    static Acting tenantOf(HttpRequest<?> request) {
      return new Acting(
          Exchange.authorize(request, Scope.KEYS_MANAGE).tenant(), Exchange.asTenant(request));
    }

    /** Any tenant's keys, by the operator. */
    static Acting operatorOn(HttpRequest<?> request, String tenantId) {
      return new Acting(TenantId.parse(tenantId), Exchange.asOperator(request));
    }
  }

  /** The algorithm a request names, or the default when it names none. */
  static Algorithm algorithmOrDefault(@Nullable String name) {
    return name == null ? Algorithm.defaultAlgorithm() : Algorithm.parse(name);
  }

  /** {@code generate} and {@code rotate}: which key. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record KeyRequest(@Nullable String algorithm) {}

  /** {@code retire} and {@code archive}: which version of which key. */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record KeyVersionRequest(long keyVersion, @Nullable String algorithm) {
    KeyName keyName(TenantId tenant) {
      return new KeyName(tenant, algorithmOrDefault(algorithm), KeyName.requireVersion(keyVersion));
    }
  }
}
