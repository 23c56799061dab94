package io.signet.domain.key;

import io.signet.domain.SignetException;
import io.signet.domain.tenant.TenantId;
import java.time.Duration;
import java.time.Instant;

/**
 * A tenant's automatic lifecycle: rotate an active version once it is {@code rotateAfter} old,
 * archive a retired version once it has been retired for {@code archiveAfter}. A null period turns
 * that automation off.
 */
public record KeyPolicy(TenantId tenant, Duration rotateAfter, Duration archiveAfter) {
  public static final Duration MAX_PERIOD = Duration.ofDays(3650);

  public KeyPolicy {
    if (tenant == null) throw new IllegalArgumentException("tenant is required");
    requirePeriod("rotate_after_days", rotateAfter);
    requirePeriod("archive_after_days", archiveAfter);
  }

  public static KeyPolicy none(TenantId tenant) {
    return new KeyPolicy(tenant, null, null);
  }

  public boolean rotationDue(KeyVersion version, Instant now) {
    return rotateAfter != null
        && version.status() == KeyStatus.ACTIVE
        && !version.createdAt().plus(rotateAfter).isAfter(now);
  }

  public boolean archiveDue(KeyVersion version, Instant now) {
    return archiveAfter != null
        && version.status() == KeyStatus.RETIRED
        && !version.retiredAt().plus(archiveAfter).isAfter(now);
  }

  private static void requirePeriod(String field, Duration period) {
    if (period == null) return;
    if (period.isNegative() || period.isZero() || period.compareTo(MAX_PERIOD) > 0) {
      throw SignetException.InvalidRequest.field(field + " must be between 1 and 3650 days");
    }
  }
}
