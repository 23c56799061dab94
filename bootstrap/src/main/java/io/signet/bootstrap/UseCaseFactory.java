package io.signet.bootstrap;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Import;
import io.signet.application.ApplyKeyPolicies;
import io.signet.application.ArchiveKey;
import io.signet.application.AttestKey;
import io.signet.application.AuthenticateApiKey;
import io.signet.application.BindDeployment;
import io.signet.application.ChargeRequest;
import io.signet.application.CheckInterval;
import io.signet.application.CreateTenant;
import io.signet.application.EnsureServiceKeys;
import io.signet.application.ForgetExpiredLogins;
import io.signet.application.ForgetUnsignableKeys;
import io.signet.application.GenerateKey;
import io.signet.application.GetActiveKey;
import io.signet.application.IssueApiKey;
import io.signet.application.IssueLoginNonce;
import io.signet.application.ListKeys;
import io.signet.application.ListServiceKeys;
import io.signet.application.ListTenants;
import io.signet.application.LogInWithWallet;
import io.signet.application.PurgeReceipts;
import io.signet.application.ReadAudit;
import io.signet.application.ReadWalletToken;
import io.signet.application.ReconcileKeyCustody;
import io.signet.application.RecordReceipt;
import io.signet.application.ResealKeys;
import io.signet.application.RetireKey;
import io.signet.application.RevokeApiKey;
import io.signet.application.RotateKey;
import io.signet.application.RotateServiceKey;
import io.signet.application.ServiceInstance;
import io.signet.application.SetKeyPolicy;
import io.signet.application.SignBatch;
import io.signet.application.SignPayload;
import io.signet.application.SignReceipt;
import io.signet.application.SignWithServiceKey;
import io.signet.application.TrackInstances;
import io.signet.application.UseCases;
import io.signet.application.VerifySignature;
import io.signet.application.port.Instances;
import io.signet.application.port.Transactions;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Hands out the use cases as beans: {@link UseCases} assembles every one of them by hand
 * (application classes carry no framework annotation), this factory only gives it the ports and
 * settings and exposes what it built. Only the request budget and the heartbeat are built here:
 * they depend on how many instances run.
 */
@Factory
@Import(classes = UseCases.Ports.class) // built from the adapters' beans, by its constructor
class UseCaseFactory {

  /** Millisecond ticks: every stored and returned time has the precision the API shows. */
  @Singleton
  Clock clock() {
    return Clock.tickMillis(ZoneOffset.UTC);
  }

  /**
   * The readiness checks' interval, for the adapters' checks of the database and the HSM. Made at
   * start ({@code @Context}), so that a bad {@code signet.health.check-interval} stops the start
   * instead of failing every readiness request.
   */
  @Context
  CheckInterval checkInterval(HealthSettings health, Clock clock) {
    return new CheckInterval(health.checkInterval(), clock);
  }

  @Singleton
  SecureRandom secureRandom() {
    return new SecureRandom();
  }

  /** How the use cases behave, from the service's settings. */
  @Singleton
  UseCases.Settings settings(
      LifecycleSettings lifecycle,
      ServiceKeySettings serviceKeys,
      ReceiptSettings receipts,
      WalletLoginSettings walletLogin,
      WalletLoginBudgetSettings loginBudget,
      QuotaSettings quota) {
    return new UseCases.Settings(
        new UseCases.Lifecycle(lifecycle.claimGrace(), lifecycle.maxDestroyPerRun()),
        new UseCases.ServiceKeyClaims(serviceKeys.claimGrace(), serviceKeys.startupWait()),
        new UseCases.Receipting(receipts.enabled(), receipts.retention()),
        new UseCases.WalletLogin(
            walletLogin.policy(),
            walletLogin.nonceTtl(),
            loginBudget.perSecond(),
            loginBudget.burst()),
        quota.quota());
  }

  /** Every use case, assembled once in plain Java (the REST tests assemble the same over fakes). */
  @Singleton
  UseCases useCases(
      UseCases.Ports ports,
      Transactions tx,
      UseCases.Settings settings,
      Clock clock,
      SecureRandom random,
      ServiceInstance instance) {
    return new UseCases(ports, tx, settings, clock, random, instance);
  }

  @Singleton
  CreateTenant createTenant(UseCases core) {
    return core.createTenant();
  }

  @Singleton
  ListTenants listTenants(UseCases core) {
    return core.listTenants();
  }

  @Singleton
  IssueApiKey issueApiKey(UseCases core) {
    return core.issueApiKey();
  }

  @Singleton
  RevokeApiKey revokeApiKey(UseCases core) {
    return core.revokeApiKey();
  }

  @Singleton
  AuthenticateApiKey authenticateApiKey(UseCases core) {
    return core.authenticateApiKey();
  }

  @Singleton
  ReadAudit readAudit(UseCases core) {
    return core.readAudit();
  }

  @Singleton
  GenerateKey generateKey(UseCases core) {
    return core.generateKey();
  }

  @Singleton
  RotateKey rotateKey(UseCases core) {
    return core.rotateKey();
  }

  @Singleton
  RetireKey retireKey(UseCases core) {
    return core.retireKey();
  }

  @Singleton
  ArchiveKey archiveKey(UseCases core) {
    return core.archiveKey();
  }

  @Singleton
  ListKeys listKeys(UseCases core) {
    return core.listKeys();
  }

  @Singleton
  GetActiveKey getActiveKey(UseCases core) {
    return core.getActiveKey();
  }

  /** Made at start ({@code @Context}): bad budgets stop the start, not every tenant request. */
  @Context
  ChargeRequest chargeRequest(RateLimitSettings settings, TrackInstances live, Clock clock) {
    return settings.instances() > 0
        ? new ChargeRequest(settings.budgets(), settings.instances(), clock)
        : new ChargeRequest(settings.budgets(), live::live, clock);
  }

  @Singleton
  TrackInstances trackInstances(
      Instances instances, InstanceIdentity self, InstanceSettings settings) {
    return new TrackInstances(instances, self.id(), settings.expiry());
  }

  @Singleton
  SignPayload signPayload(UseCases core) {
    return core.signPayload();
  }

  @Singleton
  SignBatch signBatch(UseCases core) {
    return core.signBatch();
  }

  @Singleton
  VerifySignature verifySignature(UseCases core) {
    return core.verifySignature();
  }

  @Singleton
  SetKeyPolicy setKeyPolicy(UseCases core) {
    return core.setKeyPolicy();
  }

  @Singleton
  ApplyKeyPolicies applyKeyPolicies(UseCases core) {
    return core.applyKeyPolicies();
  }

  @Singleton
  ReconcileKeyCustody reconcileKeyCustody(UseCases core) {
    return core.reconcileKeyCustody();
  }

  /**
   * This process: its instance id, the jar's version and the commit it was built from, as the
   * start-up line shows them ({@link StartupBanner}).
   */
  @Singleton
  ServiceInstance serviceInstance(InstanceIdentity self) {
    return new ServiceInstance(
        self.id().toString(), StartupBanner.version(), StartupBanner.commit());
  }

  /** Attestation reports' claims (DESIGN §5.3). */
  @Singleton
  AttestKey attestKey(UseCases core) {
    return core.attestKey();
  }

  @Singleton
  EnsureServiceKeys ensureServiceKeys(UseCases core) {
    return core.ensureServiceKeys();
  }

  @Singleton
  RotateServiceKey rotateServiceKey(UseCases core) {
    return core.rotateServiceKey();
  }

  @Singleton
  ListServiceKeys listServiceKeys(UseCases core) {
    return core.listServiceKeys();
  }

  @Singleton
  SignWithServiceKey signWithServiceKey(UseCases core) {
    return core.signWithServiceKey();
  }

  @Singleton
  RecordReceipt recordReceipt(UseCases core) {
    return core.recordReceipt();
  }

  @Singleton
  SignReceipt signReceipt(UseCases core) {
    return core.signReceipt();
  }

  @Singleton
  PurgeReceipts purgeReceipts(UseCases core) {
    return core.purgeReceipts();
  }

  // Wallet login (DESIGN §6).

  @Singleton
  LogInWithWallet logInWithWallet(UseCases core) {
    return core.logInWithWallet();
  }

  @Singleton
  IssueLoginNonce issueLoginNonce(UseCases core) {
    return core.issueLoginNonce();
  }

  @Singleton
  ReadWalletToken readWalletToken(UseCases core) {
    return core.readWalletToken();
  }

  @Singleton
  ForgetExpiredLogins forgetExpiredLogins(UseCases core) {
    return core.forgetExpiredLogins();
  }

  // Deployment binding and key custody (DESIGN §8).

  @Singleton
  BindDeployment bindDeployment(UseCases core) {
    return core.bindDeployment();
  }

  @Singleton
  ResealKeys resealKeys(UseCases core) {
    return core.resealKeys();
  }

  @Singleton
  ForgetUnsignableKeys forgetUnsignableKeys(UseCases core) {
    return core.forgetUnsignableKeys();
  }
}
