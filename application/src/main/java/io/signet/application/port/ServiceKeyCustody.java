package io.signet.application.port;

import io.signet.domain.Bytes;
import io.signet.domain.key.Protection;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the service's own private keys live. EC and RSA keys are native token keys (sensitive,
 * never extractable, sign-only, labelled {@link ServiceKeyName#label()}); ML-DSA-65 keys, which the
 * token cannot hold, are generated in process and returned only sealed under an HSM key. Never
 * hands out a private key.
 *
 * <p>Failures: {@link io.signet.domain.SignetException.Unavailable} when the HSM cannot be used.
 */
public interface ServiceKeyCustody {

  /**
   * Generates the key pair for {@code name}, destroying first any HSM object left under its label
   * by an interrupted generation (the caller holds the claim on the name).
   */
  Generated generate(ServiceKeyName name);

  /**
   * Signs {@code message} with {@code key}'s private half, with the construction of its algorithm
   * ({@link io.signet.domain.service.ServiceAlgorithm}): the result is exactly the bytes the wire
   * shows (r‖s‖v, r‖s or the PSS / ML-DSA signature).
   */
  Bytes sign(ServiceKey key, Bytes message);

  /**
   * The token objects behind {@code key} with their attributes as the token reports them now (for
   * {@code hsm-wrapped} keys, the wrapping key's).
   */
  List<TokenObject> objects(ServiceKey key);

  /**
   * The token objects behind the HSM objects labelled {@code labels}, read now; absent labels are
   * left out.
   */
  List<TokenObject> objects(List<String> labels);

  /**
   * Who the token says it is: library description, manufacturer, model, serial, label, firmware.
   */
  Map<String, String> tokenIdentity();

  /** What {@link #generate} produced; {@code sealedPrivateKey} only for {@code hsm-wrapped}. */
  record Generated(Bytes publicKey, String address, Protection protection, Bytes sealedPrivateKey) {
    public Generated {
      if (publicKey == null || address == null || protection == null) {
        throw new IllegalArgumentException("public key, address and protection are required");
      }
      if ((protection == Protection.HSM_WRAPPED) != (sealedPrivateKey != null)) {
        throw new IllegalArgumentException("a sealed private key goes with hsm-wrapped, only");
      }
    }
  }

  /**
   * One token object: its label and its attributes by PKCS#11 name (booleans as {@code true}/{@code
   * false}, CKA_CLASS and CKA_KEY_TYPE by their constant names).
   */
  record TokenObject(String label, Map<String, Object> attributes) {
    public TokenObject {
      attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
  }
}
