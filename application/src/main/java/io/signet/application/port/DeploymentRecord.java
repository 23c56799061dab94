package io.signet.application.port;

import io.signet.domain.deployment.DeploymentId;
import java.util.Optional;

/**
 * The database's side of the deployment binding (DESIGN §8): which deployment this database belongs
 * to.
 *
 * <p>Invariant: a database holds at most one deployment id, and never changes it once written.
 * Several instances starting at once on a new database agree on one id: the first write wins and
 * every caller gets the winner.
 */
public interface DeploymentRecord {
  /** The deployment id of this database, if one was written. */
  Optional<DeploymentId> current();

  /**
   * The deployment id of this database; when it has none yet, stores {@code candidate} first (the
   * first of concurrent callers wins) and returns what is stored.
   */
  DeploymentId establish(DeploymentId candidate);

  /** True when the database holds any key version (it has been in use). */
  boolean holdsKeyVersions();

  /**
   * True when the database holds a key version that is not archived: one whose objects must be on
   * the deployment's token.
   */
  boolean holdsLiveKeyVersions();
}
