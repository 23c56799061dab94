package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.OrphanMarks;
import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link OrphanMarks} must do. */
public abstract class OrphanMarksContract {
  protected abstract OrphanMarks marks();

  private static KeyName anyName() {
    return new KeyName(TenantId.random(), Algorithm.COMPOSITE_ML_DSA, 1);
  }

  @Test
  void anOrphanIsDueOnlyInALaterPassThatStillFindsIt() {
    KeyName orphan = anyName();
    assertThat(marks().pass(Set.of(orphan), Duration.ZERO)).as("first pass marks").isEmpty();
    assertThat(marks().pass(Set.of(orphan), Duration.ZERO)).containsExactly(orphan);
    marks().clear(orphan);
    assertThat(marks().pass(Set.of(orphan), Duration.ZERO)).as("cleared: marked anew").isEmpty();
  }

  @Test
  void aMarkYoungerThanTheMinimumAgeIsNotDue() {
    KeyName orphan = anyName();
    marks().pass(Set.of(orphan), Duration.ofHours(1));
    assertThat(marks().pass(Set.of(orphan), Duration.ofHours(1))).isEmpty();
  }

  @Test
  void aNameNoLongerOrphanedLosesItsMark() {
    KeyName orphan = anyName();
    KeyName other = anyName();
    marks().pass(Set.of(orphan, other), Duration.ZERO);
    marks().pass(Set.of(other), Duration.ZERO);
    assertThat(marks().pass(Set.of(orphan, other), Duration.ZERO))
        .as("the orphan found again starts over")
        .containsExactly(other);
  }
}
