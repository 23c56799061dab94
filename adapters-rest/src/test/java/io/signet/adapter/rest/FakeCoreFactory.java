package io.signet.adapter.rest;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.signet.application.ArchiveKey;
import io.signet.application.AttestKey;
import io.signet.application.AuthenticateApiKey;
import io.signet.application.ChargeRequest;
import io.signet.application.CreateTenant;
import io.signet.application.GenerateKey;
import io.signet.application.GetActiveKey;
import io.signet.application.IssueApiKey;
import io.signet.application.ListKeys;
import io.signet.application.ListServiceKeys;
import io.signet.application.ListTenants;
import io.signet.application.ReadAudit;
import io.signet.application.RecordReceipt;
import io.signet.application.RetireKey;
import io.signet.application.RevokeApiKey;
import io.signet.application.RotateKey;
import io.signet.application.RotateServiceKey;
import io.signet.application.SetKeyPolicy;
import io.signet.application.SignBatch;
import io.signet.application.SignPayload;
import io.signet.application.SignReceipt;
import io.signet.application.SignWithServiceKey;
import io.signet.application.UseCases;
import io.signet.application.VerifySignature;
import io.signet.application.fake.FakeCore;
import io.signet.application.fake.FakeKeyCustody;
import io.signet.application.fake.InMemorySigningLog;
import io.signet.domain.audit.Actor;
import io.signet.domain.audit.Invocation;
import io.signet.domain.audit.RequestId;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The real use cases, assembled by the same {@link UseCases} as the service, over the in-memory
 * fakes ({@link FakeCore}): what the REST adapter is tested against.
 */
@Factory
@Requires(env = FakeCoreFactory.ENVIRONMENT)
class FakeCoreFactory {
  static final String ENVIRONMENT = "rest-over-fakes";

  private final Clock clock = Clock.systemUTC();
  private final FakeCore fakes = new FakeCore(clock);
  private final UseCases core = fakes.useCases();

  {
    core.ensureServiceKeys()
        .ensure(new Invocation(Actor.SCHEDULER, RequestId.next(Clock.systemUTC())));
  }

  @Singleton
  Clock clock() {
    return clock;
  }

  @Singleton
  CreateTenant createTenant() {
    return core.createTenant();
  }

  @Singleton
  ListTenants listTenants() {
    return core.listTenants();
  }

  @Singleton
  IssueApiKey issueApiKey() {
    return core.issueApiKey();
  }

  @Singleton
  RevokeApiKey revokeApiKey() {
    return core.revokeApiKey();
  }

  @Singleton
  AuthenticateApiKey authenticateApiKey() {
    return core.authenticateApiKey();
  }

  @Singleton
  ReadAudit readAudit() {
    return core.readAudit();
  }

  @Singleton
  GenerateKey generateKey() {
    return core.generateKey();
  }

  @Singleton
  RotateKey rotateKey() {
    return core.rotateKey();
  }

  @Singleton
  RetireKey retireKey() {
    return core.retireKey();
  }

  @Singleton
  ArchiveKey archiveKey() {
    return core.archiveKey();
  }

  @Singleton
  ListKeys listKeys() {
    return core.listKeys();
  }

  @Singleton
  GetActiveKey getActiveKey() {
    return core.getActiveKey();
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
    return core.signPayload();
  }

  @Singleton
  SignBatch signBatch() {
    return core.signBatch();
  }

  @Singleton
  VerifySignature verifySignature() {
    return core.verifySignature();
  }

  @Singleton
  InMemorySigningLog signingLog() {
    return fakes.signingLog;
  }

  @Singleton
  FakeKeyCustody custody() {
    return fakes.custody;
  }

  @Singleton
  SetKeyPolicy setKeyPolicy() {
    return core.setKeyPolicy();
  }

  // Service keys, receipts, attestation (issue 9).

  @Singleton
  ListServiceKeys listServiceKeys() {
    return core.listServiceKeys();
  }

  @Singleton
  RotateServiceKey rotateServiceKey() {
    return core.rotateServiceKey();
  }

  @Singleton
  SignWithServiceKey signWithServiceKey() {
    return core.signWithServiceKey();
  }

  @Singleton
  RecordReceipt recordReceipt() {
    return core.recordReceipt();
  }

  @Singleton
  SignReceipt signReceipt() {
    return core.signReceipt();
  }

  @Singleton
  AttestKey attestKey() {
    return core.attestKey();
  }
}
