package io.signet.bootstrap;

import io.micronaut.context.annotation.Factory;
import io.signet.application.AuthenticateApiKey;
import io.signet.application.CreateTenant;
import io.signet.application.IssueApiKey;
import io.signet.application.ListTenants;
import io.signet.application.ReadAudit;
import io.signet.application.RevokeApiKey;
import io.signet.application.port.ApiKeys;
import io.signet.application.port.AuditLog;
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
  AuthenticateApiKey authenticateApiKey(ApiKeys apiKeys) {
    return new AuthenticateApiKey(apiKeys);
  }

  @Singleton
  ReadAudit readAudit(AuditLog audit) {
    return new ReadAudit(audit);
  }
}
