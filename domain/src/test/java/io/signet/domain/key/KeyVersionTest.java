package io.signet.domain.key;

import static io.signet.domain.key.KeyFixtures.T0;
import static io.signet.domain.key.KeyFixtures.aVersionIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.domain.SignetException;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyVersionTest {

  @Test
  void movesOnlyForwardActiveRetiredArchived() {
    for (KeyStatus from : KeyStatus.values()) {
      for (KeyStatus to : KeyStatus.values()) {
        boolean legal =
            (from == KeyStatus.ACTIVE && to == KeyStatus.RETIRED)
                || (from == KeyStatus.RETIRED && to == KeyStatus.ARCHIVED);
        assertThat(from.mayBecome(to)).as(from + " -> " + to).isEqualTo(legal);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(KeyStatus.class)
  void retiresOnlyWhenActive(KeyStatus status) {
    assertTransition(status, KeyStatus.ACTIVE, KeyVersion::retire, KeyStatus.RETIRED);
  }

  @ParameterizedTest
  @EnumSource(KeyStatus.class)
  void archivesOnlyWhenRetired(KeyStatus status) {
    assertTransition(status, KeyStatus.RETIRED, KeyVersion::archive, KeyStatus.ARCHIVED);
  }

  @Test
  void archivingDropsTheSealedKeyButKeepsThePublicKey() {
    KeyVersion archived = aVersionIn(KeyStatus.ARCHIVED);
    assertThat(archived.sealedPrivateKey()).isNull();
    assertThat(archived.publicKey().length()).isEqualTo(3);
    assertThat(archived.retiredAt()).isBefore(archived.archivedAt());
  }

  @Test
  void onlyAnActiveVersionSigns() {
    assertThatCode(() -> aVersionIn(KeyStatus.ACTIVE).requireSignable()).doesNotThrowAnyException();
    assertThatThrownBy(() -> aVersionIn(KeyStatus.RETIRED).requireSignable())
        .isInstanceOf(SignetException.NotFound.class)
        .hasMessageContaining("retired");
    assertThatThrownBy(() -> aVersionIn(KeyStatus.ARCHIVED).requireSignable())
        .isInstanceOf(SignetException.NotFound.class)
        .hasMessageContaining("not found");
  }

  @Test
  void activeAndRetiredVersionsVerifyArchivedDoNot() {
    assertThatCode(() -> aVersionIn(KeyStatus.ACTIVE).requireVerifiable())
        .doesNotThrowAnyException();
    assertThatCode(() -> aVersionIn(KeyStatus.RETIRED).requireVerifiable())
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> aVersionIn(KeyStatus.ARCHIVED).requireVerifiable())
        .isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void refusesStatusTimesThatContradictTheStatus() {
    KeyVersion active = aVersionIn(KeyStatus.ACTIVE);
    assertThatThrownBy(
            () ->
                new KeyVersion(
                    active.name(),
                    KeyStatus.ACTIVE,
                    active.publicKey(),
                    active.protection(),
                    null,
                    T0,
                    T0,
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new KeyVersion(
                    active.name(),
                    KeyStatus.ARCHIVED,
                    active.publicKey(),
                    active.protection(),
                    active.sealedPrivateKey(),
                    T0,
                    T0,
                    T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static void assertTransition(
      KeyStatus status,
      KeyStatus legalFrom,
      BiFunction<KeyVersion, java.time.Instant, KeyVersion> transition,
      KeyStatus expected) {
    KeyVersion version = aVersionIn(status);
    if (status == legalFrom) {
      assertThat(transition.apply(version, T0.plusSeconds(600)).status()).isEqualTo(expected);
    } else {
      assertThatThrownBy(() -> transition.apply(version, T0.plusSeconds(600)))
          .isInstanceOf(SignetException.Conflict.class)
          .hasMessageContaining(status.wireName());
    }
  }
}
