package io.signet.adapter.rest;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.signet.application.ArchiveKey;
import io.signet.application.AuthenticateApiKey;
import io.signet.application.ChargeRequest;
import io.signet.application.CreateTenant;
import io.signet.application.GenerateKey;
import io.signet.application.GetActiveKey;
import io.signet.application.IssueApiKey;
import io.signet.application.ListKeys;
import io.signet.application.ListTenants;
import io.signet.application.ReadAudit;
import io.signet.application.RetireKey;
import io.signet.application.RevokeApiKey;
import io.signet.application.RotateKey;
import io.signet.application.SetKeyPolicy;
import io.signet.application.SignBatch;
import io.signet.application.SignPayload;
import io.signet.application.VerifySignature;
import io.signet.application.fake.DirectTransactions;
import io.signet.application.fake.FakeKeyCustody;
import io.signet.application.fake.InMemoryApiKeys;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryKeyPolicies;
import io.signet.application.fake.InMemoryKeyVersions;
import io.signet.application.fake.InMemorySigningLog;
import io.signet.application.fake.InMemoryTenants;
import io.signet.domain.key.KeyForms;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;

/** The real use cases over the in-memory fakes: what the REST adapter is tested against. */
@Factory
@Requires(env = FakeCoreFactory.ENVIRONMENT)
class FakeCoreFactory {
  static final String ENVIRONMENT = "rest-over-fakes";

  private final InMemoryTenants tenants = new InMemoryTenants();
  private final InMemoryApiKeys apiKeys = new InMemoryApiKeys();
  private final InMemoryAuditLog audit = new InMemoryAuditLog();
  private final DirectTransactions tx = new DirectTransactions();
  private final InMemoryKeyVersions versions = new InMemoryKeyVersions();
  private final InMemoryKeyPolicies policies = new InMemoryKeyPolicies();
  private final FakeKeyCustody custody = new FakeKeyCustody();
  private final InMemorySigningLog signingLog = new InMemorySigningLog();
  private final Clock clock = Clock.systemUTC();

  @Singleton
  Clock clock() {
    return clock;
  }

  @Singleton
  CreateTenant createTenant() {
    return new CreateTenant(tenants, audit, tx, clock);
  }

  @Singleton
  ListTenants listTenants() {
    return new ListTenants(tenants);
  }

  @Singleton
  IssueApiKey issueApiKey() {
    return new IssueApiKey(tenants, apiKeys, audit, tx, clock, new SecureRandom());
  }

  @Singleton
  RevokeApiKey revokeApiKey() {
    return new RevokeApiKey(apiKeys, audit, tx, clock);
  }

  @Singleton
  AuthenticateApiKey authenticateApiKey() {
    return new AuthenticateApiKey(apiKeys, tenants);
  }

  @Singleton
  ReadAudit readAudit() {
    return new ReadAudit(audit);
  }

  @Singleton
  GenerateKey generateKey() {
    return new GenerateKey(versions, custody, audit, tx, clock);
  }

  @Singleton
  RotateKey rotateKey() {
    return new RotateKey(versions, custody, audit, tx, clock);
  }

  @Singleton
  RetireKey retireKey() {
    return new RetireKey(versions, audit, tx, clock);
  }

  @Singleton
  ArchiveKey archiveKey() {
    return new ArchiveKey(versions, custody, audit, tx, clock);
  }

  @Singleton
  ListKeys listKeys() {
    return new ListKeys(versions, key -> KeyForms.none());
  }

  @Singleton
  GetActiveKey getActiveKey() {
    return new GetActiveKey(versions);
  }

  /**
   * Small budgets, so that tests reach them (free: 20 signatures at once), on a clock that stands
   * still, so that nothing refills while a test counts.
   */
  @Singleton
  ChargeRequest chargeRequest() {
    return new ChargeRequest(
        java.util.Map.of(
            io.signet.domain.tenant.Plan.FREE, new ChargeRequest.Budget(100, 200),
            io.signet.domain.tenant.Plan.STANDARD, new ChargeRequest.Budget(100_000, 100_000),
            io.signet.domain.tenant.Plan.ENTERPRISE, new ChargeRequest.Budget(100_000, 100_000)),
        1,
        Clock.fixed(java.time.Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
  }

  @Singleton
  SignPayload signPayload() {
    return new SignPayload(versions, custody, signingLog, clock);
  }

  @Singleton
  SignBatch signBatch(SignPayload signPayload) {
    return new SignBatch(signPayload, signingLog);
  }

  @Singleton
  VerifySignature verifySignature() {
    return new VerifySignature(versions, custody.verifier());
  }

  @Singleton
  InMemorySigningLog signingLog() {
    return signingLog;
  }

  @Singleton
  FakeKeyCustody custody() {
    return custody;
  }

  @Singleton
  SetKeyPolicy setKeyPolicy() {
    return new SetKeyPolicy(tenants, policies, audit, tx, clock);
  }
}
