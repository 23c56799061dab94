package io.signet.bootstrap;

import io.micronaut.context.annotation.Context;
import io.signet.application.EnsureServiceKeys;
import io.signet.application.StartupFailure;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import io.signet.domain.service.ServiceKey;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the missing service keys before the service answers anything: once per purpose and
 * algorithm across every instance that starts on the same database and token, and only once the
 * database and the token are known to belong to the same deployment ({@link BoundDeployment}).
 */
@Context
final class ServiceKeysAtStartup {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceKeysAtStartup.class);

  ServiceKeysAtStartup(BoundDeployment deployment, EnsureServiceKeys ensure) {
    try {
      var keys =
          ensure.ensure(
              new Invocation(new Actor("signet-startup"), RequestId.next(Clock.systemUTC())));
      LOG.info("service keys ready: {}", keys.stream().map(ServiceKey::name).toList());
    } catch (SignetException e) {
      throw new StartupFailure("cannot set up the service keys: " + e.getMessage(), e);
    }
  }
}
