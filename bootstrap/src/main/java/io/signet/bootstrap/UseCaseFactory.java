package io.signet.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.signet.application.ApplyKeyPolicies;
import io.signet.application.ArchiveKey;
import io.signet.application.AuthenticateApiKey;
import io.signet.application.ChargeRequest;
import io.signet.application.CreateTenant;
import io.signet.application.EnsureServiceKeys;
import io.signet.application.ForgetExpiredLogins;
import io.signet.application.GenerateKey;
import io.signet.application.GetActiveKey;
import io.signet.application.IssueApiKey;
import io.signet.application.IssueLoginNonce;
import io.signet.application.ListKeys;
import io.signet.application.ListServiceKeys;
import io.signet.application.ListTenants;
import io.signet.application.LogInWithWallet;
import io.signet.application.LoginBudget;
import io.signet.application.ReadAudit;
import io.signet.application.ReadWalletToken;
import io.signet.application.ReconcileKeyCustody;
import io.signet.application.RetireKey;
import io.signet.application.RevokeApiKey;
import io.signet.application.RotateKey;
import io.signet.application.RotateServiceKey;
import io.signet.application.ServiceInstance;
import io.signet.application.SetKeyPolicy;
import io.signet.application.SignPayload;
import io.signet.application.SignWithServiceKey;
import io.signet.application.VerifySignature;
import io.signet.application.port.ApiKeys;
import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyPolicies;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.LoginNonces;
import io.signet.application.port.LoginReplays;
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
import java.util.UUID;

/** Wires the use cases by hand: application classes carry no framework annotation. */
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

  @Singleton
  CreateTenant createTenant(Tenants tenants, AuditLog audit, Transactions tx, Clock clock) {
    return new CreateTenant(tenants, audit, tx, clock);
  }

  @Singleton
  ListTenants listTenants(Tenants tenants) {
    return new ListTenants(tenants);
  }

  @Singleton
  IssueApiKey issueApiKey(
      Tenants tenants,
      ApiKeys apiKeys,
      AuditLog audit,
      Transactions tx,
      Clock clock,
      SecureRandom random) {
    return new IssueApiKey(tenants, apiKeys, audit, tx, clock, random);
  }

  @Singleton
  RevokeApiKey revokeApiKey(ApiKeys apiKeys, AuditLog audit, Transactions tx, Clock clock) {
    return new RevokeApiKey(apiKeys, audit, tx, clock);
  }

  @Singleton
  AuthenticateApiKey authenticateApiKey(ApiKeys apiKeys, Tenants tenants) {
    return new AuthenticateApiKey(apiKeys, tenants);
  }

  @Singleton
  ReadAudit readAudit(AuditLog audit) {
    return new ReadAudit(audit);
  }

  @Singleton
  GenerateKey generateKey(
      KeyVersions versions, KeyCustody custody, AuditLog audit, Transactions tx, Clock clock) {
    return new GenerateKey(versions, custody, audit, tx, clock);
  }

  @Singleton
  RotateKey rotateKey(
      KeyVersions versions, KeyCustody custody, AuditLog audit, Transactions tx, Clock clock) {
    return new RotateKey(versions, custody, audit, tx, clock);
  }

  @Singleton
  RetireKey retireKey(KeyVersions versions, AuditLog audit, Transactions tx, Clock clock) {
    return new RetireKey(versions, audit, tx, clock);
  }

  @Singleton
  ArchiveKey archiveKey(
      KeyVersions versions, KeyCustody custody, AuditLog audit, Transactions tx, Clock clock) {
    return new ArchiveKey(versions, custody, audit, tx, clock);
  }

  @Singleton
  ListKeys listKeys(KeyVersions versions) {
    return new ListKeys(versions);
  }

  @Singleton
  GetActiveKey getActiveKey(KeyVersions versions) {
    return new GetActiveKey(versions);
  }

  @Singleton
  ChargeRequest chargeRequest(RateLimitSettings settings, Clock clock) {
    return new ChargeRequest(settings.budgets(), settings.instances(), clock);
  }

  @Singleton
  SignPayload signPayload(KeyVersions versions, KeyCustody custody, SigningLog log, Clock clock) {
    return new SignPayload(versions, custody, log, clock);
  }

  @Singleton
  VerifySignature verifySignature(KeyVersions versions, SignatureVerifier verifier) {
    return new VerifySignature(versions, verifier);
  }

  @Singleton
  SetKeyPolicy setKeyPolicy(
      Tenants tenants, KeyPolicies policies, AuditLog audit, Transactions tx, Clock clock) {
    return new SetKeyPolicy(tenants, policies, audit, tx, clock);
  }

  @Singleton
  ApplyKeyPolicies applyKeyPolicies(
      KeyPolicies policies,
      KeyVersions versions,
      RotateKey rotate,
      ArchiveKey archive,
      Clock clock) {
    return new ApplyKeyPolicies(policies, versions, rotate, archive, clock);
  }

  @Singleton
  ReconcileKeyCustody reconcileKeyCustody(
      KeyVersions versions,
      KeyCustody custody,
      AuditLog audit,
      Clock clock,
      LifecycleSettings settings) {
    return new ReconcileKeyCustody(versions, custody, audit, clock, settings.claimGrace());
  }

  /** This process: a fresh id per start, the jar's version, the commit it was built from. */
  @Singleton
  ServiceInstance serviceInstance(
      @io.micronaut.context.annotation.Value("${signet.build.commit:unknown}") String commit) {
    String version = UseCaseFactory.class.getPackage().getImplementationVersion();
    return new ServiceInstance(
        UUID.randomUUID().toString(), version == null ? "dev" : version, commit);
  }

  @Singleton
  EnsureServiceKeys ensureServiceKeys(
      ServiceKeys keys,
      ServiceKeyCustody custody,
      AuditLog audit,
      Transactions tx,
      Clock clock,
      ServiceInstance instance,
      ServiceKeySettings settings) {
    return new EnsureServiceKeys(
        keys,
        custody,
        audit,
        tx,
        clock,
        instance.id(),
        settings.claimGrace(),
        settings.startupWait());
  }

  @Singleton
  RotateServiceKey rotateServiceKey(
      ServiceKeys keys,
      ServiceKeyCustody custody,
      AuditLog audit,
      Transactions tx,
      Clock clock,
      ServiceInstance instance,
      ServiceKeySettings settings) {
    return new RotateServiceKey(
        keys, custody, audit, tx, clock, instance.id(), settings.claimGrace());
  }

  @Singleton
  ListServiceKeys listServiceKeys(ServiceKeys keys) {
    return new ListServiceKeys(keys);
  }

  @Singleton
  SignWithServiceKey signWithServiceKey(ServiceKeys keys, ServiceKeyCustody custody) {
    return new SignWithServiceKey(keys, custody);
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
}
