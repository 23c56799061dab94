package io.signet.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.signet.application.ApplyKeyPolicies;
import io.signet.application.ArchiveKey;
import io.signet.application.AuthenticateApiKey;
import io.signet.application.BindDeployment;
import io.signet.application.ChargeRequest;
import io.signet.application.CreateTenant;
import io.signet.application.ForgetUnsignableKeys;
import io.signet.application.GenerateKey;
import io.signet.application.GetActiveKey;
import io.signet.application.IssueApiKey;
import io.signet.application.ListKeys;
import io.signet.application.ListTenants;
import io.signet.application.ReadAudit;
import io.signet.application.ReconcileKeyCustody;
import io.signet.application.ResealKeys;
import io.signet.application.RetireKey;
import io.signet.application.RevokeApiKey;
import io.signet.application.RotateKey;
import io.signet.application.SetKeyPolicy;
import io.signet.application.SignPayload;
import io.signet.application.VerifySignature;
import io.signet.application.port.ApiKeys;
import io.signet.application.port.AuditLog;
import io.signet.application.port.CustodyBinding;
import io.signet.application.port.DecryptedKeys;
import io.signet.application.port.DeploymentRecord;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyPolicies;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.OrphanMarks;
import io.signet.application.port.SealedKeyUpgrade;
import io.signet.application.port.SignatureVerifier;
import io.signet.application.port.SigningLog;
import io.signet.application.port.Tenants;
import io.signet.application.port.Transactions;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;

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
      OrphanMarks marks,
      AuditLog audit,
      Clock clock,
      LifecycleSettings settings) {
    return new ReconcileKeyCustody(
        versions, custody, marks, audit, clock, settings.claimGrace(), settings.maxDestroyPerRun());
  }

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
