package io.signet.domain.key;

import static io.signet.domain.key.KeyFixtures.T0;
import static io.signet.domain.key.KeyFixtures.aVersionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.SignetException;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KeyPolicyTest {
  private final KeyPolicy policy =
      new KeyPolicy(TenantId.random(), Duration.ofDays(30), Duration.ofDays(7));

  @Test
  void rotatesAnActiveVersionOnceItIsOldEnough() {
    KeyVersion active = aVersionIn(KeyStatus.ACTIVE);
    assertThat(policy.rotationDue(active, T0.plus(Duration.ofDays(30)).minusSeconds(1))).isFalse();
    assertThat(policy.rotationDue(active, T0.plus(Duration.ofDays(30)))).isTrue();
    assertThat(policy.rotationDue(aVersionIn(KeyStatus.RETIRED), T0.plus(Duration.ofDays(99))))
        .isFalse();
  }

  @Test
  void archivesARetiredVersionOnceRetiredLongEnough() {
    KeyVersion retired = aVersionIn(KeyStatus.RETIRED);
    assertThat(
            policy.archiveDue(
                retired, retired.retiredAt().plus(Duration.ofDays(7)).minusSeconds(1)))
        .isFalse();
    assertThat(policy.archiveDue(retired, retired.retiredAt().plus(Duration.ofDays(7)))).isTrue();
    assertThat(policy.archiveDue(aVersionIn(KeyStatus.ACTIVE), T0.plus(Duration.ofDays(99))))
        .isFalse();
  }

  @Test
  void doesNothingWithoutPeriods() {
    KeyPolicy none = KeyPolicy.none(TenantId.random());
    assertThat(none.rotationDue(aVersionIn(KeyStatus.ACTIVE), T0.plus(Duration.ofDays(9999))))
        .isFalse();
    assertThat(none.archiveDue(aVersionIn(KeyStatus.RETIRED), T0.plus(Duration.ofDays(9999))))
        .isFalse();
  }

  @Test
  void refusesPeriodsOutsideOneDayToTenYears() {
    assertThatThrownBy(() -> new KeyPolicy(TenantId.random(), Duration.ZERO, null))
        .isInstanceOf(SignetException.InvalidRequest.class);
    assertThatThrownBy(() -> new KeyPolicy(TenantId.random(), null, Duration.ofDays(3651)))
        .isInstanceOf(SignetException.InvalidRequest.class);
  }
}
