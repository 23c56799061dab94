package io.signet.domain.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.SignetException;
import io.signet.domain.tenant.TenantId;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeyTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final ApiKeyToken token = ApiKeyToken.issue(ApiKeyId.random(), new SecureRandom());
  private final ApiKey key =
      new ApiKey(
          token.id(), TenantId.random(), "ci", Set.of(Scope.SIGN), token.secretHash(), T0, null);

  @Test
  void authenticatesItsOwnToken() {
    assertThat(key.authenticates(token)).isTrue();
  }

  @Test
  void refusesAnotherSecretUnderItsId() {
    ApiKeyToken other = ApiKeyToken.issue(token.id(), new SecureRandom());
    assertThat(key.authenticates(other)).isFalse();
  }

  @Test
  void refusesEverythingOnceRevoked() {
    ApiKey revoked = key.revoke(T0.plusSeconds(5));
    assertThat(revoked.authenticates(token)).isFalse();
    assertThat(revoked.revoke(T0.plusSeconds(9)).revokedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void grantsOnlyItsScopes() {
    assertThat(key.grants(Scope.SIGN)).isTrue();
    assertThat(key.grants(Scope.KEYS_MANAGE)).isFalse();
    assertThatThrownBy(
            () -> Principal.of(key, io.signet.domain.tenant.Plan.FREE).require(Scope.VERIFY))
        .isInstanceOf(SignetException.Forbidden.class)
        .hasMessageContaining("verify");
  }

  @Test
  void needsAtLeastOneScope() {
    assertThatThrownBy(
            () ->
                new ApiKey(
                    token.id(), TenantId.random(), null, Set.of(), token.secretHash(), T0, null))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }

  @Test
  void parsesScopesExactly() {
    assertThat(Scope.parse("keys:read")).isEqualTo(Scope.KEYS_READ);
    assertThatThrownBy(() -> Scope.parse("KEYS:READ"))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> Scope.parse("admin"))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }
}
