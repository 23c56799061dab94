package io.signet.application.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.port.CustodyBinding;
import io.signet.domain.deployment.DeploymentId;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What every {@link CustodyBinding} must do; {@link #fresh()} gives an unmarked custody. */
public abstract class CustodyBindingContract {
  protected abstract CustodyBinding fresh();

  @Test
  void anUnmarkedCustodyHasNoMarkAndKeepsTheOneWritten() {
    CustodyBinding binding = fresh();
    assertThat(binding.marks()).isEmpty();
    DeploymentId id = DeploymentId.random();
    binding.mark(id);
    assertThat(binding.marks()).containsExactly(id);
  }

  @Test
  void theSameIdWrittenTwiceReadsAsOneMarkAndADifferentOneAsTwo() {
    CustodyBinding binding = fresh();
    DeploymentId id = DeploymentId.random();
    binding.mark(id);
    binding.mark(id);
    assertThat(binding.marks()).containsExactly(id);
    DeploymentId other = DeploymentId.random();
    binding.mark(other);
    assertThat(binding.marks()).isEqualTo(Set.of(id, other));
  }
}
