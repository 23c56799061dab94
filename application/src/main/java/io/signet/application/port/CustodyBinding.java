package io.signet.application.port;

import io.signet.domain.deployment.DeploymentId;
import java.util.Set;

/**
 * Custody's side of the deployment binding (DESIGN §8): the deployment id written on the HSM token.
 *
 * <p>The token may, after a race between two deployments' first starts, carry more than one id;
 * {@link #marks()} returns all of them, and anything but exactly one is a mismatch for the caller.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the HSM cannot be used.
 */
public interface CustodyBinding {
  /** The deployment ids written on the token; empty on a token no deployment has claimed. */
  Set<DeploymentId> marks();

  /** Writes {@code id} on the token. The caller has seen no mark there. */
  void mark(DeploymentId id);
}
