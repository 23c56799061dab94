package io.signet.application;

import io.signet.application.port.ServiceKeys;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyPurpose;
import java.util.List;

/** The service keys, current and previous, with their public halves. */
public final class ListServiceKeys {
  private final ServiceKeys keys;

  public ListServiceKeys(ServiceKeys keys) {
    this.keys = keys;
  }

  /** Every version of every purpose. */
  public List<ServiceKey> all() {
    return keys.all();
  }

  /** Every version of one purpose (e.g. the JWKS: attestation and jwt). */
  public List<ServiceKey> of(ServiceKeyPurpose purpose) {
    return keys.all().stream().filter(k -> k.name().purpose() == purpose).toList();
  }
}
