package io.signet.application;

import io.signet.application.port.ApiKeys;
import io.signet.application.port.AuditLog;
import io.signet.application.port.KeyCustody;
import io.signet.application.port.KeyPolicies;
import io.signet.application.port.KeyVersions;
import io.signet.application.port.OrphanMarks;
import io.signet.application.port.PublicKeyForms;
import io.signet.application.port.SignatureVerifier;
import io.signet.application.port.SigningLog;
import io.signet.application.port.Tenants;
import io.signet.application.port.Transactions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Assembles every use case over one set of ports, in plain Java: the one wiring of the core. The
 * service's bean factory hands these out as beans, and tests build the same graph over in-memory
 * fakes, so what is tested is wired exactly as what runs. The lifecycle's shared steps ({@link
 * VersionMinting}, {@link VersionTransition}) are made here once.
 */
public final class UseCases {
  private final CreateTenant createTenant;
  private final ListTenants listTenants;
  private final IssueApiKey issueApiKey;
  private final RevokeApiKey revokeApiKey;
  private final AuthenticateApiKey authenticateApiKey;
  private final ReadAudit readAudit;
  private final GenerateKey generateKey;
  private final RotateKey rotateKey;
  private final RetireKey retireKey;
  private final ArchiveKey archiveKey;
  private final ListKeys listKeys;
  private final GetActiveKey getActiveKey;
  private final SignPayload signPayload;
  private final SignBatch signBatch;
  private final VerifySignature verifySignature;
  private final SetKeyPolicy setKeyPolicy;
  private final ApplyKeyPolicies applyKeyPolicies;
  private final ReconcileKeyCustody reconcileKeyCustody;

  /**
   * @param clock every use case's time
   * @param random the source of API key secrets
   * @param claimGrace how old an unfinished version claim must be before reconciliation releases it
   *     (and an orphan mark before reconciliation destroys the orphan)
   * @param maxDestroyPerRun how many custody objects one reconciliation pass destroys at most
   */
  public UseCases(
      Ports ports, Clock clock, SecureRandom random, Duration claimGrace, int maxDestroyPerRun) {
    KeyVersions versions = ports.versions();
    AuditLog audit = ports.audit();
    Transactions tx = ports.transactions();
    VersionMinting minting = new VersionMinting(versions, ports.custody(), audit, tx);
    VersionTransition transition = new VersionTransition(versions, audit, tx);
    createTenant = new CreateTenant(ports.tenants(), audit, tx, clock);
    listTenants = new ListTenants(ports.tenants());
    issueApiKey = new IssueApiKey(ports.tenants(), ports.apiKeys(), audit, tx, clock, random);
    revokeApiKey = new RevokeApiKey(ports.apiKeys(), audit, tx, clock);
    authenticateApiKey = new AuthenticateApiKey(ports.apiKeys(), ports.tenants());
    readAudit = new ReadAudit(audit);
    generateKey = new GenerateKey(versions, minting, clock);
    rotateKey = new RotateKey(versions, minting, clock);
    retireKey = new RetireKey(versions, transition, clock);
    archiveKey = new ArchiveKey(versions, ports.custody(), transition, clock);
    listKeys = new ListKeys(versions, ports.publicKeyForms());
    getActiveKey = new GetActiveKey(versions);
    signPayload = new SignPayload(versions, ports.custody(), ports.signingLog(), clock);
    signBatch = new SignBatch(signPayload, ports.signingLog());
    verifySignature = new VerifySignature(versions, ports.verifier());
    setKeyPolicy = new SetKeyPolicy(ports.tenants(), ports.policies(), audit, tx, clock);
    applyKeyPolicies =
        new ApplyKeyPolicies(ports.policies(), versions, rotateKey, archiveKey, clock);
    reconcileKeyCustody =
        new ReconcileKeyCustody(
            versions,
            ports.custody(),
            ports.orphanMarks(),
            audit,
            clock,
            claimGrace,
            maxDestroyPerRun);
  }

  /** The outbound ports the use cases run on. */
  public record Ports(
      Tenants tenants,
      ApiKeys apiKeys,
      AuditLog audit,
      Transactions transactions,
      KeyVersions versions,
      KeyPolicies policies,
      KeyCustody custody,
      SignatureVerifier verifier,
      SigningLog signingLog,
      PublicKeyForms publicKeyForms,
      OrphanMarks orphanMarks) {}

  public CreateTenant createTenant() {
    return createTenant;
  }

  public ListTenants listTenants() {
    return listTenants;
  }

  public IssueApiKey issueApiKey() {
    return issueApiKey;
  }

  public RevokeApiKey revokeApiKey() {
    return revokeApiKey;
  }

  public AuthenticateApiKey authenticateApiKey() {
    return authenticateApiKey;
  }

  public ReadAudit readAudit() {
    return readAudit;
  }

  public GenerateKey generateKey() {
    return generateKey;
  }

  public RotateKey rotateKey() {
    return rotateKey;
  }

  public RetireKey retireKey() {
    return retireKey;
  }

  public ArchiveKey archiveKey() {
    return archiveKey;
  }

  public ListKeys listKeys() {
    return listKeys;
  }

  public GetActiveKey getActiveKey() {
    return getActiveKey;
  }

  public SignPayload signPayload() {
    return signPayload;
  }

  public SignBatch signBatch() {
    return signBatch;
  }

  public VerifySignature verifySignature() {
    return verifySignature;
  }

  public SetKeyPolicy setKeyPolicy() {
    return setKeyPolicy;
  }

  public ApplyKeyPolicies applyKeyPolicies() {
    return applyKeyPolicies;
  }

  public ReconcileKeyCustody reconcileKeyCustody() {
    return reconcileKeyCustody;
  }
}
