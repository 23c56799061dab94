package io.signet.application;

import io.signet.application.port.ServiceKeyCustody;
import io.signet.application.port.ServiceKeys;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyPurpose;

/**
 * Signs bytes with the current service key of a purpose and algorithm, in the HSM. For {@link
 * ServiceAlgorithm#ES256} the signature is the raw r‖s (64 bytes) of a JWS over the given signing
 * input; the returned key's {@code name().kid()} goes in the JWS header.
 */
public final class SignWithServiceKey {
  private final ServiceKeys keys;
  private final ServiceKeyCustody custody;

  public SignWithServiceKey(ServiceKeys keys, ServiceKeyCustody custody) {
    this.keys = keys;
    this.custody = custody;
  }

  public ServiceSignature sign(ServiceKeyPurpose purpose, ServiceAlgorithm algorithm, Bytes data) {
    purpose.require(algorithm);
    ServiceKey key =
        keys.current(purpose, algorithm)
            .orElseThrow(
                () ->
                    new SignetException.Unavailable(
                        "no current "
                            + purpose.wireName()
                            + " "
                            + algorithm.wireName()
                            + " service key",
                        null));
    return new ServiceSignature(key, custody.sign(key, data));
  }

  /** The signature and the key version that made it ({@code key.name().kid()}). */
  public record ServiceSignature(ServiceKey key, Bytes signature) {}
}
