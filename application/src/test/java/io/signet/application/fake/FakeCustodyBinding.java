package io.signet.application.fake;

import io.signet.application.port.CustodyBinding;
import io.signet.domain.deployment.DeploymentId;
import java.util.HashSet;
import java.util.Set;

/** {@link CustodyBinding} in memory. Passes {@code CustodyBindingContract}. */
public final class FakeCustodyBinding implements CustodyBinding {
  private final Set<DeploymentId> marks = new HashSet<>();

  @Override
  public synchronized Set<DeploymentId> marks() {
    return Set.copyOf(marks);
  }

  @Override
  public synchronized void mark(DeploymentId id) {
    marks.add(id);
  }
}
