package io.signet.adapter.pkcs11;

import static io.signet.application.contract.KeyObjectAssertions.assertKeptInTheToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.signet.application.StartupFailure;
import io.signet.domain.SignetException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import sun.security.pkcs11.wrapper.PKCS11;
import sun.security.pkcs11.wrapper.PKCS11Constants;

class Pkcs11TokenIT {
  private static TokenSession session;
  private static TokenKeys token;

  @BeforeAll
  static void openToken() {
    OpenedToken opened = OpenedToken.open();
    session = opened.session();
    token = opened.keys();
  }

  @AfterAll
  static void noSignetKeyIsLeftBehind() {
    assertThat(token.labels("signet.it.")).isEmpty();
  }

  @Test
  void passesItsSelfTestAndReportsHealthy() {
    assertThat(session.healthy()).isTrue();
    assertThat(session.tokenLabel()).isEqualTo(SoftHsmTestToken.get().label());
    assertThat(token.keyAttributes(TokenSelfTest.LABEL))
        .as("the self-test key is destroyed")
        .isEmpty();
  }

  @Test
  void generatesNonExtractableSignOnlyTokenKeys() throws Exception {
    String label = "signet.it.attributes";
    PublicKey publicKey = token.generateEcKey(label);
    try {
      assertKeptInTheToken(label, token.keyAttributes(label))
          .containsEntry("CKA_TOKEN", true)
          .containsEntry("CKA_PRIVATE", true)
          .containsEntry("CKA_SIGN", true)
          .containsEntry("CKA_DECRYPT", false);
      PrivateKey privateKey = token.privateKey(label);
      assertThat(privateKey.getEncoded()).as("no key material leaves the token").isNull();

      byte[] message = "interoperable".getBytes(StandardCharsets.UTF_8);
      Signature signer = Signature.getInstance("SHA256withECDSA", session.provider());
      signer.initSign(privateKey);
      signer.update(message);
      Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
      verifier.initVerify(publicKey);
      verifier.update(message);
      assertThat(verifier.verify(signer.sign())).isTrue();
    } finally {
      token.destroy(label);
    }
    assertThat(token.keyAttributes(label)).isEmpty();
    assertThatThrownBy(() -> token.privateKey(label)).isInstanceOf(SignetException.NotFound.class);
  }

  @Test
  void logsInAgainByItselfWhenTheTokenLostTheLoginAndLooksKeyHandlesUpAgain() throws Exception {
    String kept = "signet.it.kept-across-relogin";
    token.generateEcKey(kept);
    PrivateKey before = token.privateKey(kept);
    PKCS11 p11 = PKCS11.getInstance(SoftHsmTestToken.LIBRARY, "C_GetFunctionList", null, false);
    long slot = -1;
    for (long candidate : p11.C_GetSlotList(true)) {
      if (new String(p11.C_GetTokenInfo(candidate).label)
          .strip()
          .equals(SoftHsmTestToken.get().label())) slot = candidate;
    }
    long other = p11.C_OpenSession(slot, PKCS11Constants.CKF_SERIAL_SESSION, null, null);
    p11.C_Logout(other);
    p11.C_CloseSession(other);
    assertThat(session.objects().loggedIn()).as("the token really lost the login").isFalse();

    assertThat(session.healthy()).isTrue();
    assertThat(session.objects().loggedIn()).isTrue();
    PrivateKey after = token.privateKey(kept);
    assertThat(after).as("the handle is looked up again after the reconnect").isNotSameAs(before);
    Signature signer = Signature.getInstance("SHA256withECDSA", session.provider());
    signer.initSign(after);
    signer.update(new byte[] {1, 2, 3});
    assertThat(signer.sign()).isNotEmpty();
    token.destroy(kept);
    String label = "signet.it.after-relogin";
    token.generateEcKey(label);
    token.destroy(label);
  }

  @Test
  void destroyingTwiceIsHarmless() {
    String label = "signet.it.twice";
    token.generateEcKey(label);
    token.destroy(label);
    token.destroy(label);
    assertThat(token.labels(HsmLabels.KEY_PREFIX)).doesNotContain(label);
  }

  @Test
  void refusesAnUnknownTokenLabelNamingWhatIsThere() {
    assertThatThrownBy(
            () ->
                new TokenSession(
                    new Pkcs11Settings(SoftHsmTestToken.LIBRARY, "no-such-token", "1234", null)))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("no token labelled 'no-such-token'")
        .hasMessageContaining(SoftHsmTestToken.get().label());
  }

  @Test
  void refusesAMissingLibrary() {
    assertThatThrownBy(
            () ->
                new TokenSession(
                    new Pkcs11Settings("/nonexistent/libpkcs11.so", "x", "1234", null)))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("/nonexistent/libpkcs11.so")
        .hasMessageContaining("SIGNET_PKCS11_LIBRARY");
  }

  @Test
  void refusesToStartWithoutAPin() {
    assertThatThrownBy(
            () ->
                new TokenSession(
                    new Pkcs11Settings(
                        SoftHsmTestToken.LIBRARY, SoftHsmTestToken.get().label(), null, null)))
        .isInstanceOf(StartupFailure.class)
        .hasMessageContaining("SIGNET_PKCS11_PIN");
  }

  @Test
  void neverPrintsThePin() {
    Pkcs11Settings settings = new Pkcs11Settings(SoftHsmTestToken.LIBRARY, "t", "s3cr3t-pin", null);
    assertThat(settings.toString()).doesNotContain("s3cr3t-pin");
  }
}
