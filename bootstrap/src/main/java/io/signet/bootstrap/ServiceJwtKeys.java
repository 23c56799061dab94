package io.signet.bootstrap;

import io.signet.application.port.JwtKeys;
import io.signet.application.port.ServiceKeyCustody;
import io.signet.application.port.ServiceKeys;
import io.signet.domain.Bytes;
import io.signet.domain.SignetException;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Wallet tokens are signed by the service's {@code jwt} key (DESIGN §5.1), the one the service-key
 * store created in the HSM and publishes in {@code /.well-known/jwks.json}: this adapts that store
 * to the {@link JwtKeys} port. The key read as current is the key that signs, so the {@code kid} in
 * the header always names the signer; if a rotation lands in between, the token is signed by the
 * now previous key, which keeps verifying. Public keys never change for a kid, so those found are
 * remembered.
 */
@Singleton
final class ServiceJwtKeys implements JwtKeys {
  private static final Pattern KID = Pattern.compile("jwt-ES256-v([1-9][0-9]{0,8})");
  private final ServiceKeys keys;
  private final ServiceKeyCustody custody;
  private final Map<String, Bytes> publicKeys = new ConcurrentHashMap<>();

  ServiceJwtKeys(ServiceKeys keys, ServiceKeyCustody custody) {
    this.keys = keys;
    this.custody = custody;
  }

  @Override
  public Signed sign(Function<String, byte[]> signingInput) {
    ServiceKey current =
        keys.current(ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256)
            .orElseThrow(() -> new SignetException.Unavailable("no current jwt service key", null));
    String kid = current.name().kid();
    return new Signed(kid, custody.sign(current, Bytes.of(signingInput.apply(kid))));
  }

  @Override
  public Optional<Bytes> publicKey(String kid) {
    Bytes known = publicKeys.get(kid);
    if (known != null) return Optional.of(known);
    Matcher m = KID.matcher(kid);
    if (!m.matches()) return Optional.empty();
    ServiceKeyName name =
        new ServiceKeyName(
            ServiceKeyPurpose.JWT, ServiceAlgorithm.ES256, Integer.parseInt(m.group(1)));
    Optional<Bytes> found = keys.find(name).map(ServiceKey::publicKey);
    found.ifPresent(key -> publicKeys.put(kid, key));
    return found;
  }
}
