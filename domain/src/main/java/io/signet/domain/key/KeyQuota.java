package io.signet.domain.key;

import io.signet.domain.SignetException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * How many key versions a tenant may hold and create (DESIGN §8): at most {@code liveVersions}
 * versions that are not archived (active and retired, over all its algorithms), and at most {@code
 * creationsPerDay} creations (generations and rotations) in any rolling {@link #WINDOW}. Both bound
 * what a tenant can make the HSM hold and do: every version is a token object (or a sealed key
 * under a token key) until it is archived, and every creation may make the HSM generate a key, so a
 * creation counts from the moment it is claimed, whether its version is stored or abandoned (a
 * rotation that lost a race, a failed generation). Every creation counts, but only the tenant's own
 * are refused (see {@link #withoutDailyLimit}).
 *
 * <p>The store counts a tenant's {@link Usage} and asks {@link #requireRoomForOneMore} while the
 * tenant is locked, in the transaction that reserves the new version, so that concurrent creations
 * (on any instance) are counted one after the other and never both pass at the limit.
 */
public record KeyQuota(int liveVersions, int creationsPerDay) {
  /** The rolling window of {@link #creationsPerDay}. */
  public static final Duration WINDOW = Duration.ofDays(1);

  public KeyQuota {
    if (liveVersions < 1 || creationsPerDay < 1) {
      throw new IllegalArgumentException("key quotas must be at least 1");
    }
  }

  /**
   * This quota without its daily limit: for creations the tenant does not ask for (the operator's,
   * a key policy's), which the live-versions limit still bounds but the tenant's daily churn must
   * not hold up (an operator's emergency rotation after a tenant's key was stolen).
   */
  public KeyQuota withoutDailyLimit() {
    return new KeyQuota(liveVersions, Integer.MAX_VALUE);
  }

  /**
   * A tenant's usage as the store counts it.
   *
   * @param live versions that are not archived, plus creations in progress (claims)
   * @param recentCreations the times of the creations within {@link #WINDOW} before now: claims of
   *     new versions, stored, in progress or abandoned; the store may give only the {@code
   *     creationsPerDay} most recent, and may give older ones too (they are not counted)
   */
  public record Usage(int live, List<Instant> recentCreations) {
    public Usage {
      if (live < 0) throw new IllegalArgumentException("live must not be negative");
      recentCreations = List.copyOf(recentCreations);
    }
  }

  /**
   * Allows one more version, or refuses it: Conflict (a quota refusal, {@link
   * SignetException.Conflict#quotaExceeded()}) when the tenant already has {@link #liveVersions}
   * live versions, RateLimited when it made {@link #creationsPerDay} creations in the last {@link
   * #WINDOW}, with the time until the creation that must leave the window has left it.
   */
  public void requireRoomForOneMore(Usage usage, Instant now) {
    if (usage.live() >= liveVersions) {
      throw SignetException.Conflict.quotaExceeded(
          "key version quota reached: the tenant has "
              + usage.live()
              + " live (active or retired) key versions and may have at most "
              + liveVersions
              + " (signet.quota.live-versions); archive retired versions (retire, then archive,"
              + " those no longer needed) to make room");
    }
    List<Instant> inWindow =
        usage.recentCreations().stream()
            .filter(at -> at.plus(WINDOW).isAfter(now))
            .sorted(Comparator.reverseOrder())
            .toList();
    if (inWindow.size() >= creationsPerDay) {
      // Room comes back when the creationsPerDay-th most recent creation leaves the window.
      Instant leaves = inWindow.get(creationsPerDay - 1).plus(WINDOW);
      Duration wait = Duration.between(now, leaves);
      throw new SignetException.RateLimited(
          "key creation quota reached: at most "
              + creationsPerDay
              + " key versions may be generated or rotated in 24 hours"
              + " (signet.quota.rotations-per-day); retry after "
              + SignetException.RateLimited.secondsUp(wait, 1)
              + " s",
          wait,
          creationsPerDay);
    }
  }
}
