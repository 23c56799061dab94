package io.signet.domain.key;

import io.signet.domain.SignetException;

/**
 * Where a key version is in its life: {@code active → retired → archived}, and no other transition.
 * Only an active version signs; active and retired versions verify; an archived version does
 * nothing (its private key is destroyed, its public key kept for audit).
 */
public enum KeyStatus {
  ACTIVE("active"),
  RETIRED("retired"),
  ARCHIVED("archived");

  private final String wireName;

  KeyStatus(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean signs() {
    return this == ACTIVE;
  }

  public boolean verifies() {
    return this == ACTIVE || this == RETIRED;
  }

  /** The one status this one may move to, if any. */
  public boolean mayBecome(KeyStatus next) {
    return switch (this) {
      case ACTIVE -> next == RETIRED;
      case RETIRED -> next == ARCHIVED;
      case ARCHIVED -> false;
    };
  }

  public static KeyStatus parse(String name) {
    for (KeyStatus s : values()) {
      if (s.wireName.equals(name)) return s;
    }
    throw SignetException.InvalidRequest.field("status must be active, retired or archived");
  }
}
