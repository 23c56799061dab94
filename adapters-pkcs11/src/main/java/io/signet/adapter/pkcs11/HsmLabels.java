package io.signet.adapter.pkcs11;

import io.signet.domain.key.Algorithm;
import io.signet.domain.key.KeyName;
import io.signet.domain.tenant.TenantId;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How Signet names its objects on a token (CKA_LABEL). A key version's objects carry {@code
 * signet.<tenant>.<algorithm>.v<version>}; its key-encryption key {@code
 * signet-kek.<tenant>.<algorithm>.v<version>} (a distinct label: SunPKCS11's key store refuses a
 * secret key that shares its label with another object). The label is also the sealing context, so
 * a sealed blob opens only as the version it was made for. The format is the adapter's business:
 * the core knows only {@link KeyName}.
 */
final class HsmLabels {
  static final String KEY_PREFIX = "signet.";
  static final String KEK_PREFIX = "signet-kek.";
  private static final Pattern LABEL =
      Pattern.compile("(signet|signet-kek)\\.([0-9a-f-]{36})\\.([a-z0-9-]+)\\.v([1-9][0-9]{0,9})");

  private HsmLabels() {}

  /** The label of the version's private key objects (and its certificate). */
  static String key(KeyName name) {
    return KEY_PREFIX + suffix(name);
  }

  /** The label of the version's own key-encryption key. */
  static String kek(KeyName name) {
    return KEK_PREFIX + suffix(name);
  }

  /** The key version a label belongs to, or empty when the label is none of Signet's. */
  static Optional<KeyName> parse(String label) {
    var m = LABEL.matcher(label);
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(
          new KeyName(
              new TenantId(UUID.fromString(m.group(2))),
              Algorithm.fromShortName(m.group(3)),
              Integer.parseInt(m.group(4))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private static String suffix(KeyName name) {
    return name.tenant() + "." + name.algorithm().shortName() + ".v" + name.version();
  }
}
