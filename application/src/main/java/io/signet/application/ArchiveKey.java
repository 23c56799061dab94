package io.signet.application;

import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyVersions;
import io.signet.domain.SignetException;
import io.signet.domain.audit.Invocation;
import io.signet.domain.key.KeyName;
import io.signet.domain.key.KeyVersion;
import java.time.Clock;

/**
 * Archives a retired version, irreversibly: the stored record drops the sealed private key and
 * becomes archived (durably, first), then custody destroys the HSM objects. Should the HSM be
 * unreachable at that moment, the version is archived all the same and {@link ReconcileKeyCustody}
 * destroys the objects later; the result says which happened.
 */
public final class ArchiveKey {
  private final KeyVersions versions;
  private final KeyCustody custody;
  private final VersionTransition transition;
  private final Clock clock;

  ArchiveKey(KeyVersions versions, KeyCustody custody, VersionTransition transition, Clock clock) {
    this.versions = versions;
    this.custody = custody;
    this.transition = transition;
    this.clock = clock;
  }

  public Archived archive(KeyName name, Invocation invocation) {
    KeyVersion current = KeyVersion.visible(name, versions.find(name));
    KeyVersion archived = transition.store(current.archive(invocation, clock.instant()));
    try {
      custody.destroy(name);
      return new Archived(archived, true);
    } catch (SignetException.Unavailable e) {
      return new Archived(archived, false);
    }
  }

  /** The archived version, and whether its HSM objects are already destroyed. */
  public record Archived(KeyVersion version, boolean privateKeyDestroyed) {}
}
