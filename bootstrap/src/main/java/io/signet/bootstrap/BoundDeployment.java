package io.signet.bootstrap;

import io.micronaut.context.annotation.Context;
import io.signet.application.BindDeployment;
import io.signet.domain.deployment.DeploymentId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployment binding, checked eagerly at start-up (DESIGN §8): the database and the HSM token
 * carry the same deployment id, or the start is refused with one line. Whatever reconciles the
 * token with the database ({@link LifecycleScheduler}) depends on this bean, so it cannot run on a
 * mismatched pair.
 */
@Context
final class BoundDeployment {
  private static final Logger LOG = LoggerFactory.getLogger(BoundDeployment.class);
  private final DeploymentId id;

  BoundDeployment(BindDeployment bind) {
    this.id = bind.bind();
    LOG.info("deployment {}: the database and the HSM token agree", id);
  }

  DeploymentId id() {
    return id;
  }
}
