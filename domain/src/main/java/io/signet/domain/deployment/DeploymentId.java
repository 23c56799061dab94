package io.signet.domain.deployment;

import java.util.UUID;

/**
 * The identity of one Signet deployment: a random UUID chosen at its first start and written both
 * in its database and on its HSM token. A token belongs to exactly one deployment; a database and a
 * token that carry different ids were never meant to meet.
 */
public record DeploymentId(UUID value) {
  public DeploymentId {
    if (value == null) throw new IllegalArgumentException("deployment id must not be null");
  }

  public static DeploymentId random() {
    return new DeploymentId(UUID.randomUUID());
  }

  @Override
  public String toString() {
    return value.toString();
  }
}
