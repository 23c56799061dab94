package io.signet.application.fake;

import io.signet.application.ServiceInstance;
import io.signet.application.UseCases;
import io.signet.application.port.SealedKeyUpgrade;
import io.signet.application.port.Transactions;
import io.signet.application.port.WalletSignatures;
import io.signet.application.port.WalletTokens;
import io.signet.domain.key.KeyForms;
import io.signet.domain.key.KeyQuota;
import io.signet.domain.wallet.WalletLoginPolicy;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
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
              1000),
          new KeyQuota(100, 50));

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
  public final InMemoryReceipts receipts = new InMemoryReceipts(signingLog);
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
    return useCases(other, SETTINGS);
  }

  /** Every use case over these fakes, committing through {@code other}, with {@code settings}. */
  public UseCases useCases(Transactions other, UseCases.Settings settings) {
    return new UseCases(ports(), other, settings, clock, new SecureRandom(), INSTANCE);
  }

  /** The ports no test over these fakes reaches: reaching one is a test's error. */
  private static final NotFaked NOT_FAKED =
      (NotFaked)
          Proxy.newProxyInstance(
              FakeCore.class.getClassLoader(),
              new Class<?>[] {NotFaked.class},
              (proxy, method, args) -> {
                if (method.getName().equals("toString")) return "not faked (see FakeCore)";
                throw new IllegalStateException(
                    method.getName() + ": this port has no in-memory fake (see FakeCore)");
              });

  private interface NotFaked extends WalletSignatures, WalletTokens, SealedKeyUpgrade {}
}
