package io.signet.application.fake;

import io.signet.application.port.DeploymentRecord;
import io.signet.domain.deployment.DeploymentId;
import java.util.Optional;

/** {@link DeploymentRecord} in memory. Passes {@code DeploymentRecordContract}. */
public final class InMemoryDeploymentRecord implements DeploymentRecord {
  private DeploymentId id;
  private volatile boolean holdsKeyVersions;
  private volatile boolean holdsLiveKeyVersions;

  @Override
  public synchronized Optional<DeploymentId> current() {
    return Optional.ofNullable(id);
  }

  @Override
  public synchronized DeploymentId establish(DeploymentId candidate) {
    if (id == null) id = candidate;
    return id;
  }

  @Override
  public boolean holdsKeyVersions() {
    return holdsKeyVersions;
  }

  @Override
  public boolean holdsLiveKeyVersions() {
    return holdsLiveKeyVersions;
  }

  /** Makes the database look used (or not). */
  public void holdKeyVersions(boolean held) {
    holdsKeyVersions = held;
  }

  /** Makes the database look as if it held versions that are not archived (used, too). */
  public void holdLiveKeyVersions(boolean held) {
    holdsLiveKeyVersions = held;
    if (held) holdsKeyVersions = true;
  }
}
