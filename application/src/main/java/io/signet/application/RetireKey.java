package io.signet.application;

import io.signet.application.port.KeyVersions;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import java.time.Clock;

/** Retires an active version: it stops signing and still verifies. */
public final class RetireKey {
  private final KeyVersions versions;
  private final VersionTransition transition;
  private final Clock clock;

  RetireKey(KeyVersions versions, VersionTransition transition, Clock clock) {
    this.versions = versions;
    this.transition = transition;
    this.clock = clock;
  }

  public KeyVersion retire(KeyName name, Invocation invocation) {
    KeyVersion current = KeyVersion.visible(name, versions.find(name));
    return transition.store(current.retire(invocation, clock.instant()));
  }
}
