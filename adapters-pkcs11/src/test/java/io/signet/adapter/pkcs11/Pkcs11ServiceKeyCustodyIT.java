package io.signet.adapter.pkcs11;

import static io.signet.application.contract.KeyObjectAssertions.assertKeptInTheToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.signet.application.contract.ServiceKeyCustodyContract;
import io.signet.application.port.ServiceKeyCustody;
import io.signet.domain.Bytes;
import io.signet.domain.service.ServiceAlgorithm;
import io.signet.domain.service.ServiceKey;
import io.signet.domain.service.ServiceKeyName;
import io.signet.domain.service.ServiceKeyPurpose;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

class Pkcs11ServiceKeyCustodyIT extends ServiceKeyCustodyContract {
  private static final AtomicInteger VERSIONS = new AtomicInteger(1000);
  private static TokenSession token;
  private static Pkcs11ServiceKeyCustody custody;

  @BeforeAll
  static void openToken() {
    OpenedToken opened = OpenedToken.open();
    token = opened.session();
    custody = new Pkcs11ServiceKeyCustody(opened.keks(), new NativeTokenKeys(token));
  }

  @Override
  protected ServiceKeyCustody custody() {
    return custody;
  }

  @Override
  protected int freshVersion() {
    return VERSIONS.incrementAndGet();
  }

  @Test
  void web3jRecoversTheEip55AddressFromEveryEthereumSignature() throws Exception {
    ServiceKey key = generate(ServiceKeyPurpose.RECEIPTS, ServiceAlgorithm.ECDSA);
    assertThat(Keys.toChecksumAddress(key.address())).isEqualTo(key.address());
    for (int i = 0; i < 16; i++) {
      byte[] text = ("receipt " + i).getBytes(StandardCharsets.UTF_8);
      byte[] rsv = custody.sign(key, Bytes.of(text)).toArray();
      Sign.SignatureData signature =
          new Sign.SignatureData(
              rsv[64], Arrays.copyOfRange(rsv, 0, 32), Arrays.copyOfRange(rsv, 32, 64));
      BigInteger recovered = Sign.signedPrefixedMessageToKey(text, signature);
      assertThat(Keys.toChecksumAddress(Keys.getAddress(recovered))).isEqualTo(key.address());
    }
  }

  @Test
  void nativeKeysAreSignOnlyTokenObjectsWithTheirLabel() {
    for (ServiceAlgorithm algorithm :
        new ServiceAlgorithm[] {
          ServiceAlgorithm.ECDSA, ServiceAlgorithm.ECDSA_P256, ServiceAlgorithm.RSA
        }) {
      ServiceKey key = generate(ServiceKeyPurpose.RECEIPTS, algorithm);
      var objects = custody.objects(key);
      assertThat(objects).hasSize(1);
      assertThat(objects.getFirst().label()).isEqualTo(key.name().label());
      assertKeptInTheToken(key.name().label(), objects.getFirst().attributes())
          .containsEntry("CKA_CLASS", "CKO_PRIVATE_KEY")
          .containsEntry("CKA_KEY_TYPE", algorithm == ServiceAlgorithm.RSA ? "CKK_RSA" : "CKK_EC")
          .containsEntry("CKA_TOKEN", true)
          .containsEntry("CKA_PRIVATE", true)
          .containsEntry("CKA_SIGN", true)
          .containsEntry("CKA_DECRYPT", false)
          .containsEntry("CKA_UNWRAP", false)
          .containsEntry("CKA_DERIVE", false);
    }
  }

  @Test
  void wrappedKeysReportTheKeyEncryptionKeyThatProtectsThem() {
    ServiceKey key = generate(ServiceKeyPurpose.RECEIPTS, ServiceAlgorithm.ML_DSA);
    var objects = custody.objects(key);
    assertThat(objects)
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.label()).isEqualTo(key.name().label());
              assertThat(o.attributes())
                  .containsEntry("CKA_CLASS", "CKO_SECRET_KEY")
                  .containsEntry("CKA_KEY_TYPE", "CKK_AES")
                  .containsEntry("CKA_SENSITIVE", true)
                  .containsEntry("CKA_EXTRACTABLE", false)
                  .containsEntry("CKA_NEVER_EXTRACTABLE", true)
                  .containsEntry("CKA_LOCAL", true)
                  .containsEntry("CKA_SIGN", false)
                  .containsEntry("CKA_UNWRAP", false);
            });
  }

  @Test
  void aRegenerationUnderTheSameLabelReplacesTheInterruptedOne() {
    ServiceKeyName name =
        new ServiceKeyName(
            ServiceKeyPurpose.ATTESTATION, ServiceAlgorithm.ES256, VERSIONS.incrementAndGet());
    Bytes first = custody.generate(name).publicKey();
    Bytes second = custody.generate(name).publicKey();
    assertThat(second).isNotEqualTo(first);
    assertThat(custody.objects(java.util.List.of(name.label()))).hasSize(1);
  }

  @Test
  void namesTheToken() {
    assertThat(custody.tokenIdentity())
        .containsEntry("label", token.tokenLabel())
        .containsKeys("library_description", "manufacturer", "model", "serial", "firmware");
  }
}
