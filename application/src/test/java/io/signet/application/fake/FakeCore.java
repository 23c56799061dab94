package io.signet.application.fake;

import io.signet.application.ServiceInstance;
import io.signet.application.UseCases;
import io.signet.application.port.SealedKeyUpgrade;
import io.signet.application.port.Transactions;
import io.signet.application.port.WalletSignatures;
import io.signet.application.port.WalletTokens;
import io.signet.domain.Bytes;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyName;
import io.signet.domain.wallet.EthereumAddress;
import io.signet.domain.wallet.EthereumSignature;
import io.signet.domain.wallet.WalletClaims;
import io.signet.domain.wallet.WalletLoginPolicy;
import io.signet.domain.wallet.WalletPublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Every port of the core over the in-memory fakes, and the real use cases assembled on them by
 * {@link UseCases}, the service's own assembler: the one set-up of the core for tests (application
 * unit tests, the REST adapter's tests). A test reaches into a fake through its field.
 *
 * <p>Two kinds of port have no fake here because no test over this set-up reaches them: wallet
 * signatures and tokens (tested with the real web3j and Nimbus adapters in {@code adapters-pkcs11})
 * and sealed-key upgrades (tested against SoftHSM2). They are stand-ins that fail loudly if a test
 * ever does reach them.
 */
public final class FakeCore {
  /** The settings tests run with: the service's defaults where they matter. */
  public static final UseCases.Settings SETTINGS =
      new UseCases.Settings(
          new UseCases.Lifecycle(Duration.ofMinutes(2), 100),
          new UseCases.ServiceKeyClaims(Duration.ofMinutes(2), Duration.ofSeconds(10)),
          new UseCases.Receipting(true, Duration.ofDays(30)),
          new UseCases.WalletLogin(
              new WalletLoginPolicy(
                  Duration.ofMinutes(5), Set.of(), Set.of("localhost"), Duration.ofDays(7), "t"),
              Duration.ofMinutes(5),
              1000,
              1000));

  public static final ServiceInstance INSTANCE = new ServiceInstance("test", "test", "unknown");

  public final Clock clock;
  public final InMemoryTenants tenants = new InMemoryTenants();
  public final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
  public final InMemoryAuditLog audit = new InMemoryAuditLog();
  public final DirectTransactions transactions = new DirectTransactions();
  public final InMemoryKeyVersions versions;
  public final InMemoryKeyPolicies policies = new InMemoryKeyPolicies();
  public final FakeKeyCustody custody = new FakeKeyCustody();
  public final InMemorySigningLog signingLog = new InMemorySigningLog();
  public final InMemoryOrphanMarks orphanMarks;
  public final InMemoryDeploymentRecord deployment = new InMemoryDeploymentRecord();
  public final FakeCustodyBinding custodyBinding = new FakeCustodyBinding();
  public final InMemoryDecryptedKeys decryptedKeys = new InMemoryDecryptedKeys();
  public final InMemoryServiceKeys serviceKeys = new InMemoryServiceKeys();
  public final FakeServiceKeyCustody serviceCustody = new FakeServiceKeyCustody();
  public final InMemoryReceipts receipts = new InMemoryReceipts();
  public final InMemoryLoginNonces loginNonces = new InMemoryLoginNonces();
  public final InMemoryLoginReplays loginReplays = new InMemoryLoginReplays();

  /** Fresh, empty fakes on {@code clock}. */
  public FakeCore(Clock clock) {
    this.clock = clock;
    this.versions = new InMemoryKeyVersions(clock);
    this.orphanMarks = new InMemoryOrphanMarks(clock);
  }

  /** The ports, as {@link UseCases} takes them. */
  public UseCases.Ports ports() {
    return new UseCases.Ports(
        tenants,
        apiKeys,
        audit,
        transactions,
        versions,
        policies,
        custody,
        custody.verifier(),
        signingLog,
        key -> KeyForms.none(),
        orphanMarks,
        deployment,
        custodyBinding,
        NOT_FAKED,
        decryptedKeys,
        serviceKeys,
        serviceCustody,
        receipts,
        NOT_FAKED,
        NOT_FAKED,
        loginNonces,
        loginReplays);
  }

  /** Every use case over these fakes, with {@link #SETTINGS}. */
  public UseCases useCases() {
    return useCases(transactions);
  }

  /** Every use case over these fakes, but committing through {@code other}. */
  public UseCases useCases(Transactions other) {
    return new UseCases(
        ports().withTransactions(other), SETTINGS, clock, new SecureRandom(), INSTANCE);
  }

  private static final NotFaked NOT_FAKED = new NotFaked();

  /** The ports no test over these fakes reaches: reaching one is a test's error. */
  private static final class NotFaked implements WalletSignatures, WalletTokens, SealedKeyUpgrade {
    private static IllegalStateException reached() {
      return new IllegalStateException("this port has no in-memory fake (see FakeCore)");
    }

    @Override
    public EthereumAddress address(WalletPublicKey key) {
      throw reached();
    }

    @Override
    public Optional<EthereumAddress> personalSigner(String message, EthereumSignature signature) {
      throw reached();
    }

    @Override
    public String checksummed(EthereumAddress address) {
      throw reached();
    }

    @Override
    public String issue(WalletClaims claims) {
      throw reached();
    }

    @Override
    public WalletClaims verify(String token) {
      throw reached();
    }

    @Override
    public boolean needsReseal(Bytes sealed) {
      throw reached();
    }

    @Override
    public Bytes reseal(KeyName name, Bytes sealed) {
      throw reached();
    }

    @Override
    public boolean retireSharedKey() {
      throw reached();
    }
  }
}
