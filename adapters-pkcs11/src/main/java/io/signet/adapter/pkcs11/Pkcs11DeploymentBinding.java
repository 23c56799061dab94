package io.signet.adapter.pkcs11;

import io.signet.application.port.CustodyBinding;
import io.signet.domain.SignetException;
import io.signet.domain.deployment.DeploymentId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * {@link CustodyBinding} on the PKCS#11 token: the deployment id is a private, unmodifiable token
 * data object (CKO_DATA, application {@code signet}) labelled {@value #LABEL}, holding the id as
 * text. Two instances of one deployment marking a new token at once write two objects with the same
 * id, which read back as one mark.
 */
@Singleton
public final class Pkcs11DeploymentBinding implements CustodyBinding {
  static final String LABEL = "signet-deployment";
  private final TokenSession session;
  private final String label;

  @Inject
  Pkcs11DeploymentBinding(TokenSession session) {
    this(session, LABEL);
  }

  /** With another label: for tests that need an unmarked token. */
  Pkcs11DeploymentBinding(TokenSession session, String label) {
    this.session = session;
    this.label = label;
  }

  @Override
  public Set<DeploymentId> marks() {
    try {
      Set<DeploymentId> marks = new HashSet<>();
      for (byte[] value : session.objects().dataValues(label)) {
        String text = new String(value, StandardCharsets.US_ASCII);
        try {
          marks.add(new DeploymentId(UUID.fromString(text)));
        } catch (IllegalArgumentException e) {
          throw new SignetException.Unavailable(
              "the token's deployment mark '" + label + "' is not a deployment id", e);
        }
      }
      return Set.copyOf(marks);
    } catch (Exception e) {
      throw Pkcs11Errors.translate("reading the deployment mark", e);
    }
  }

  @Override
  public void mark(DeploymentId id) {
    try {
      session
          .objects()
          .createData(label, "signet", id.toString().getBytes(StandardCharsets.US_ASCII));
    } catch (Exception e) {
      throw Pkcs11Errors.translate("writing the deployment mark", e);
    }
  }
}
