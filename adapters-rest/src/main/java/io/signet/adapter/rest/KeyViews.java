package io.signet.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyPolicy;
import io.signet.domain.key.KeyVersion;
import java.util.List;
import java.util.Map;

/** JSON shapes of key versions and policies. */
final class KeyViews {
  private KeyViews() {}

  /**
   * Every version shows {@code retired_at} and {@code archived_at} (DESIGN §3.2), null until then.
   */
  @Serdeable(naming = SnakeCaseStrategy.class)
  record KeyView(
      int keyVersion,
      String algorithm,
      String status,
      String publicKey,
      String protection,
      String createdAt,
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String retiredAt,
      @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String archivedAt,
      @Nullable String address,
      @Nullable Map<String, String> jwk) {
    static KeyView of(KeyVersion v) {
      return of(v, KeyForms.none());
    }

    /** With the public key's other forms, as the key listing shows them. */
    static KeyView of(KeyVersion v, KeyForms forms) {
      return new KeyView(
          v.name().version(),
          v.name().algorithm().wireName(),
          v.status().wireName(),
          v.publicKey().base64(),
          v.protection().wireName(),
          Exchange.format(v.createdAt()),
          Exchange.format(v.retiredAt()),
          Exchange.format(v.archivedAt()),
          forms.address(),
          forms.jwk());
    }
  }

  @Serdeable(naming = SnakeCaseStrategy.class)
  record KeyList(List<KeyView> keys) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record RotatedView(KeyView active, KeyView retired) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record ArchivedView(KeyView key, boolean privateKeyDestroyed) {}

  @Serdeable(naming = SnakeCaseStrategy.class)
  record PolicyView(
      String tenantId, @Nullable Long rotateAfterDays, @Nullable Long archiveAfterDays) {
    static PolicyView of(KeyPolicy p) {
      return new PolicyView(
          p.tenant().toString(),
          p.rotateAfter() == null ? null : p.rotateAfter().toDays(),
          p.archiveAfter() == null ? null : p.archiveAfter().toDays());
    }
  }
}
