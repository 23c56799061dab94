package io.signet.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.signet.application.ApplyKeyPolicies;
import io.signet.application.ArchiveKey;
import io.signet.application.AttestKey;
import io.signet.application.AuthenticateApiKey;
import io.signet.application.BindDeployment;
import io.signet.application.ChargeRequest;
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
import io.signet.application.LoginBudget;
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
import io.signet.application.ServiceUseCases;
import io.signet.application.SetKeyPolicy;
import io.signet.application.SignBatch;
import io.signet.application.SignPayload;
import io.signet.application.SignReceipt;
import io.signet.application.SignWithServiceKey;
import io.signet.application.TrackInstances;
import io.signet.application.UseCases;
import io.signet.application.VerifySignature;
import io.signet.application.port.ApiKeys;
import io.signet.application.port.AuditLog;
import io.signet.application.port.CustodyBinding;
import io.signet.application.port.DecryptedKeys;
import io.signet.application.port.DeploymentRecord;
import io.signet.application.port.Instances;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyPolicies;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.LoginNonces;
import io.signet.application.port.LoginReplays;
import io.signet.application.port.OrphanMarks;
import io.signet.application.port.PublicKeyForms;
import io.signet.application.port.Receipts;
import io.signet.application.port.SealedKeyUpgrade;
import io.signet.application.port.ServiceKeyCustody;
import io.signet.application.port.ServiceKeys;
import io.signet.application.port.SignatureVerifier;
import io.signet.application.port.SigningLog;
import io.signet.application.port.Tenants;
import io.signet.application.port.Transactions;
import io.signet.application.port.WalletSignatures;
import io.signet.application.port.WalletTokens;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;

/**
 * Hands out the use cases as beans: {@link UseCases} assembles them by hand (application classes
 * carry no framework annotation), this factory only exposes them.
 */
@Factory
class UseCaseFactory {

  /** Millisecond ticks: every stored and returned time has the precision the API shows. */
  @Singleton
  Clock clock() {
    return Clock.tickMillis(ZoneOffset.UTC);
  }

  @Singleton
  SecureRandom secureRandom() {
    return new SecureRandom();
  }

  /** The ports as the adapters provide them. */
  @Singleton
  UseCases.Ports ports(
      Tenants tenants,
      ApiKeys apiKeys,
      AuditLog audit,
      Transactions tx,
      KeyVersions versions,
      KeyPolicies policies,
      KeyCustody custody,
      SignatureVerifier verifier,
      SigningLog signingLog,
      PublicKeyForms publicKeyForms,
      OrphanMarks orphanMarks) {
    return new UseCases.Ports(
        tenants,
        apiKeys,
        audit,
        tx,
        versions,
        policies,
        custody,
        verifier,
        new ReceiptBoundSigningLog(signingLog),
        publicKeyForms,
        orphanMarks);
  }

  /** Every use case, assembled once in plain Java (the REST tests assemble the same over fakes). */
  @Singleton
  UseCases useCases(
      UseCases.Ports ports, Clock clock, SecureRandom random, LifecycleSettings lifecycle) {
    return new UseCases(ports, clock, random, lifecycle.claimGrace(), lifecycle.maxDestroyPerRun());
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

  @Singleton
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
  AttestKey attestKey(
      ServiceKeys serviceKeys,
      ServiceKeyCustody serviceCustody,
      KeyVersions versions,
      KeyCustody custody,
      Clock clock,
      ServiceInstance instance) {
    return new AttestKey(serviceKeys, serviceCustody, versions, custody, clock, instance);
  }

  /** The service keys, receipts and attestation (issue 9), assembled once in plain Java. */
  @Singleton
  ServiceUseCases serviceUseCases(
      ServiceKeys keys,
      ServiceKeyCustody custody,
      Receipts receipts,
      AuditLog audit,
      Transactions tx,
      Clock clock,
      ServiceInstance instance,
      ServiceKeySettings serviceKeys,
      ReceiptSettings receiptSettings) {
    return new ServiceUseCases(
        new ServiceUseCases.Ports(keys, custody, receipts, audit, tx),
        clock,
        instance,
        new ServiceUseCases.Settings(
            serviceKeys.claimGrace(),
            serviceKeys.startupWait(),
            receiptSettings.enabled(),
            receiptSettings.retention()));
  }

  @Singleton
  EnsureServiceKeys ensureServiceKeys(ServiceUseCases service) {
    return service.ensureServiceKeys();
  }

  @Singleton
  RotateServiceKey rotateServiceKey(ServiceUseCases service) {
    return service.rotateServiceKey();
  }

  @Singleton
  ListServiceKeys listServiceKeys(ServiceUseCases service) {
    return service.listServiceKeys();
  }

  @Singleton
  SignWithServiceKey signWithServiceKey(ServiceUseCases service) {
    return service.signWithServiceKey();
  }

  @Singleton
  RecordReceipt recordReceipt(ServiceUseCases service) {
    return service.recordReceipt();
  }

  @Singleton
  SignReceipt signReceipt(ServiceUseCases service) {
    return service.signReceipt();
  }

  @Singleton
  PurgeReceipts purgeReceipts(ServiceUseCases service) {
    return service.purgeReceipts();
  }

  // Wallet login (DESIGN §6).

  @Singleton
  LoginBudget loginBudget(WalletLoginBudgetSettings settings, Clock clock) {
    return new LoginBudget(settings.perSecond(), settings.burst(), clock);
  }

  @Singleton
  LogInWithWallet logInWithWallet(
      WalletLoginSettings settings,
      WalletSignatures signatures,
      LoginReplays replays,
      LoginNonces nonces,
      WalletTokens tokens,
      AuditLog audit,
      LoginBudget budget,
      Clock clock) {
    return new LogInWithWallet(
        settings.policy(), signatures, replays, nonces, tokens, audit, budget, clock);
  }

  @Singleton
  IssueLoginNonce issueLoginNonce(
      LoginNonces nonces,
      LoginBudget budget,
      SecureRandom random,
      WalletLoginSettings settings,
      Clock clock) {
    return new IssueLoginNonce(nonces, budget, random, settings.nonceTtl(), clock);
  }

  @Singleton
  ReadWalletToken readWalletToken(WalletTokens tokens, WalletLoginSettings settings, Clock clock) {
    return new ReadWalletToken(tokens, settings.issuer(), clock);
  }

  @Singleton
  ForgetExpiredLogins forgetExpiredLogins(LoginReplays replays, LoginNonces nonces, Clock clock) {
    return new ForgetExpiredLogins(replays, nonces, clock);
  }

  // Deployment binding and key custody (DESIGN §8).

  @Singleton
  BindDeployment bindDeployment(
      DeploymentRecord database, CustodyBinding token, KeyCustody custody) {
    return new BindDeployment(database, token, custody);
  }

  @Singleton
  ResealKeys resealKeys(KeyVersions versions, SealedKeyUpgrade upgrade) {
    return new ResealKeys(versions, upgrade);
  }

  @Singleton
  ForgetUnsignableKeys forgetUnsignableKeys(DecryptedKeys decrypted, KeyVersions versions) {
    return new ForgetUnsignableKeys(decrypted, versions);
  }
}
