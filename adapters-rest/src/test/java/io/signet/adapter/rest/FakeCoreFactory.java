package io.signet.adapter.rest;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.signet.application.AuthenticateApiKey;
import io.signet.application.CreateTenant;
import io.signet.application.IssueApiKey;
import io.signet.application.ListTenants;
import io.signet.application.ReadAudit;
import io.signet.application.RevokeApiKey;
import io.signet.application.fake.DirectTransactions;
import io.signet.application.fake.InMemoryApiKeys;
import io.signet.application.fake.InMemoryAuditLog;
import io.signet.application.fake.InMemoryTenants;
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
    return new AuthenticateApiKey(apiKeys);
  }

  @Singleton
  ReadAudit readAudit() {
    return new ReadAudit(audit);
  }
}
