package io.signet.application;

import io.signet.application.port.CustodyBinding;
import io.signet.application.port.DeploymentRecord;
import io.signet.application.port.KeyCustody;
import io.signet.domain.deployment.DeploymentId;
import java.util.Optional;
import java.util.Set;

/**
 * Ties the database and the HSM token to one deployment at start-up, before anything reconciles
 * them (DESIGN §8). The database decides the id (its first writer wins, so instances starting at
 * once agree), then the token is checked or, when no deployment has claimed it, marked. Refuses the
 * start ({@link StartupFailure}, changing nothing on the token) when:
 *
 * <ul>
 *   <li>the token carries another deployment's id, or the database none (a wrong database, e.g. an
 *       empty one, or a wrong token);
 *   <li>the token carries no id but holds Signet keys, and the database has never held a key
 *       version (an empty database in front of a used token);
 *   <li>the token carries no id and no Signet keys, but the database holds versions that are not
 *       archived (a new or wrong token in front of a used database: their keys would be missing);
 *   <li>the token carries several ids (two deployments raced for a new token).
 * </ul>
 *
 * A token with no id and a database with key versions is a deployment from before the binding
 * existed: it is bound.
 */
public final class BindDeployment {
  private final DeploymentRecord database;
  private final CustodyBinding token;
  private final KeyCustody custody;

  public BindDeployment(DeploymentRecord database, CustodyBinding token, KeyCustody custody) {
    this.database = database;
    this.token = token;
    this.custody = custody;
  }

  /** Returns the deployment id both sides carry, or throws {@link StartupFailure}. */
  public DeploymentId bind() {
    Set<DeploymentId> marks = token.marks();
    if (!marks.isEmpty()) {
      Optional<DeploymentId> stored = database.current();
      if (stored.isPresent() && marks.equals(Set.of(stored.get()))) return stored.get();
      throw mismatch(marks, stored.map(DeploymentId::toString).orElse("none"));
    }
    int held = custody.heldKeys().size();
    if (held > 0 && !database.holdsKeyVersions()) {
      throw new StartupFailure(
          "refusing to start: the HSM token holds "
              + held
              + " Signet key object(s) but no deployment id, and the database has never held a"
              + " key version (wrong or empty database? check DATASOURCES_DEFAULT_URL); nothing"
              + " was changed");
    }
    if (held == 0 && database.holdsLiveKeyVersions()) {
      throw new StartupFailure(
          "refusing to start: the database"
              + database.current().map(id -> " (deployment " + id + ")").orElse("")
              + " holds key versions that are not archived, but the HSM token holds no Signet key"
              + " object and no deployment id (a new or wrong token? check"
              + " SIGNET_PKCS11_TOKEN_LABEL); nothing was changed");
    }
    DeploymentId id = database.establish(DeploymentId.random());
    token.mark(id);
    Set<DeploymentId> after = token.marks();
    if (!after.equals(Set.of(id))) throw mismatch(after, id.toString());
    return id;
  }

  private static StartupFailure mismatch(Set<DeploymentId> marks, String stored) {
    return new StartupFailure(
        "refusing to start: the HSM token belongs to deployment "
            + (marks.size() == 1 ? marks.iterator().next() : marks)
            + " but the database to deployment "
            + stored
            + " (wrong database or wrong token? check DATASOURCES_DEFAULT_URL and"
            + " SIGNET_PKCS11_TOKEN_LABEL); nothing was reconciled or destroyed");
  }
}
