package io.signet.domain.tenant;

import io.signet.domain.SignetException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A tenant's plan: it sets the tenant's request budget. */
public enum Plan {
  FREE("free"),
  STANDARD("standard"),
  ENTERPRISE("enterprise");

  private final String wireName;

  Plan(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static Plan defaultPlan() {
    return STANDARD;
  }

  /** Parses a plan name, exactly as {@link #wireName()} spells it. */
  public static Plan parse(String name) {
    return Arrays.stream(values())
        .filter(p -> p.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                SignetException.InvalidRequest.field(
                    "plan must be one of "
                        + Arrays.stream(values())
                            .map(Plan::wireName)
                            .collect(Collectors.joining(", "))));
  }
}
