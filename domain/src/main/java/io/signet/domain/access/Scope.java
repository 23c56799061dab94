package io.signet.domain.access;

import io.signet.domain.SignetException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A permission an API key carries. A tenant route names the one scope it needs. */
public enum Scope {
  SIGN("sign"),
  VERIFY("verify"),
  KEYS_READ("keys:read"),
  KEYS_MANAGE("keys:manage"),
  RECEIPTS_READ("receipts:read");

  private final String wireName;

  Scope(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Parses a scope name exactly as {@link #wireName()} spells it. */
  public static Scope parse(String name) {
    return Arrays.stream(values())
        .filter(s -> s.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                SignetException.InvalidRequest.field(
                    "scopes must be drawn from "
                        + Arrays.stream(values())
                            .map(Scope::wireName)
                            .collect(Collectors.joining(", "))));
  }
}
