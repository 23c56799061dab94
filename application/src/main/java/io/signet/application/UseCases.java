package io.signet.application;

import io.signet.application.port.ApiKeys;
import io.signet.application.port.AuditLog;
import io.signet.application.port.CustodyBinding;
import io.signet.application.port.DecryptedKeys;
import io.signet.application.port.DeploymentRecord;
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
import io.signet.domain.key.KeyQuota;
import io.signet.domain.wallet.WalletLoginPolicy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Assembles every use case over one set of ports, in plain Java: the one wiring of the core. The
 * service's bean factory hands these out as beans, and tests build the same graph over in-memory
 * fakes, so what is tested is wired exactly as what runs. The shared steps ({@link VersionMinting},
 * {@link VersionTransition}, {@link ServiceKeyMinting}) are made here once. (Only the request
 * budget, {@link ChargeRequest}, and the heartbeat, {@link TrackInstances}, stay with the process's
 * wiring: they depend on how many instances run, which the core does not know.)
 */
public final class UseCases {
  // Tenants, API keys, audit.
  private final CreateTenant createTenant;
  private final ListTenants listTenants;
  private final IssueApiKey issueApiKey;
  private final RevokeApiKey revokeApiKey;
  private final AuthenticateApiKey authenticateApiKey;
  private final ReadAudit readAudit;
  // Key lifecycle and signing.
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
  // Key custody (DESIGN §8).
  private final ReconcileKeyCustody reconcileKeyCustody;
  private final BindDeployment bindDeployment;
  private final ResealKeys resealKeys;
  private final ForgetUnsignableKeys forgetUnsignableKeys;
  // Service keys, receipts, attestation (DESIGN §5).
  private final EnsureServiceKeys ensureServiceKeys;
  private final RotateServiceKey rotateServiceKey;
  private final ListServiceKeys listServiceKeys;
  private final SignWithServiceKey signWithServiceKey;
  private final RecordReceipt recordReceipt;
  private final SignReceipt signReceipt;
  private final PurgeReceipts purgeReceipts;
  private final AttestKey attestKey;
  // Wallet login (DESIGN §6).
  private final LogInWithWallet logInWithWallet;
  private final IssueLoginNonce issueLoginNonce;
  private final ReadWalletToken readWalletToken;
  private final ForgetExpiredLogins forgetExpiredLogins;

  /**
   * @param tx the transaction boundary (given apart from the other ports, so that tests can make
   *     commits fail)
   * @param clock every use case's time
   * @param random the source of API key secrets and login nonces
   * @param instance this process (it names service-key claims and appears in attestations)
   */
  public UseCases(
      Ports ports,
      Transactions tx,
      Settings settings,
      Clock clock,
      SecureRandom random,
      ServiceInstance instance) {
    KeyVersions versions = ports.versions();
    KeyCustody custody = ports.custody();
    AuditLog audit = ports.audit();
    VersionMinting minting = new VersionMinting(versions, custody, audit, tx, settings.quota());
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
    archiveKey = new ArchiveKey(versions, custody, transition, clock);
    listKeys = new ListKeys(versions, ports.publicKeyForms());
    getActiveKey = new GetActiveKey(versions);
    signPayload = new SignPayload(versions, custody, ports.signingLog(), clock);
    signBatch = new SignBatch(signPayload, ports.signingLog());
    verifySignature = new VerifySignature(versions, ports.verifier());
    setKeyPolicy = new SetKeyPolicy(ports.tenants(), ports.policies(), audit, tx, clock);
    applyKeyPolicies =
        new ApplyKeyPolicies(ports.policies(), versions, rotateKey, archiveKey, clock);

    Lifecycle lifecycle = settings.lifecycle();
    reconcileKeyCustody =
        new ReconcileKeyCustody(
            versions,
            custody,
            ports.orphanMarks(),
            audit,
            clock,
            lifecycle.claimGrace(),
            lifecycle.maxDestroyPerRun());
    bindDeployment = new BindDeployment(ports.deployment(), ports.custodyBinding(), custody);
    resealKeys = new ResealKeys(versions, ports.sealedKeyUpgrade());
    forgetUnsignableKeys = new ForgetUnsignableKeys(ports.decryptedKeys(), versions);

    ServiceKeys serviceKeys = ports.serviceKeys();
    ServiceKeyCustody serviceCustody = ports.serviceCustody();
    ServiceKeyMinting serviceMinting =
        new ServiceKeyMinting(
            serviceKeys,
            serviceCustody,
            audit,
            tx,
            clock,
            instance.id(),
            settings.serviceKeys().claimGrace());
    ensureServiceKeys =
        new EnsureServiceKeys(
            serviceKeys, serviceMinting, clock, settings.serviceKeys().startupWait());
    rotateServiceKey = new RotateServiceKey(serviceKeys, serviceMinting);
    listServiceKeys = new ListServiceKeys(serviceKeys);
    signWithServiceKey = new SignWithServiceKey(serviceKeys, serviceCustody);
    Receipting receipting = settings.receipts();
    recordReceipt = new RecordReceipt(ports.receipts(), clock, receipting.enabled());
    signReceipt = new SignReceipt(ports.receipts(), signWithServiceKey);
    purgeReceipts = new PurgeReceipts(ports.receipts(), clock, receipting.retention());
    attestKey = new AttestKey(serviceKeys, serviceCustody, versions, custody, clock, instance);

    WalletLogin wallet = settings.walletLogin();
    InstanceBudget loginBudget = new InstanceBudget(wallet.perSecond(), wallet.burst(), clock);
    logInWithWallet =
        new LogInWithWallet(
            wallet.policy(),
            ports.walletSignatures(),
            ports.loginReplays(),
            ports.loginNonces(),
            ports.walletTokens(),
            audit,
            loginBudget,
            clock);
    issueLoginNonce =
        new IssueLoginNonce(ports.loginNonces(), loginBudget, random, wallet.nonceTtl(), clock);
    readWalletToken = new ReadWalletToken(ports.walletTokens(), wallet.policy().issuer(), clock);
    forgetExpiredLogins = new ForgetExpiredLogins(ports.loginReplays(), ports.loginNonces(), clock);
  }

  /**
   * The outbound ports the use cases run on (all but the transactions), as the adapters provide
   * them.
   */
  public record Ports(
      Tenants tenants,
      ApiKeys apiKeys,
      AuditLog audit,
      KeyVersions versions,
      KeyPolicies policies,
      KeyCustody custody,
      SignatureVerifier verifier,
      SigningLog signingLog,
      PublicKeyForms publicKeyForms,
      OrphanMarks orphanMarks,
      DeploymentRecord deployment,
      CustodyBinding custodyBinding,
      SealedKeyUpgrade sealedKeyUpgrade,
      DecryptedKeys decryptedKeys,
      ServiceKeys serviceKeys,
      ServiceKeyCustody serviceCustody,
      Receipts receipts,
      WalletSignatures walletSignatures,
      WalletTokens walletTokens,
      LoginNonces loginNonces,
      LoginReplays loginReplays) {}

  /**
   * How the use cases behave, by area ({@code quota}: how many key versions a tenant may hold and
   * create, whoever creates them).
   */
  public record Settings(
      Lifecycle lifecycle,
      ServiceKeyClaims serviceKeys,
      Receipting receipts,
      WalletLogin walletLogin,
      KeyQuota quota) {}

  /**
   * How key versions are cleaned up.
   *
   * @param claimGrace how old an unfinished version claim must be before reconciliation releases it
   *     (and an orphan mark before reconciliation destroys the orphan)
   * @param maxDestroyPerRun how many custody objects one reconciliation pass destroys at most
   */
  public record Lifecycle(Duration claimGrace, int maxDestroyPerRun) {}

  /**
   * How service keys are created when several instances start at once.
   *
   * @param claimGrace age after which a pending service-key claim is taken over
   * @param startupWait how long a start waits for another instance's service-key creation
   */
  public record ServiceKeyClaims(Duration claimGrace, Duration startupWait) {}

  /**
   * Whether receipts are written, and how long they are kept.
   *
   * @param enabled whether tenant responses get receipts (off only to measure their cost)
   * @param retention how long receipts are kept
   */
  public record Receipting(boolean enabled, Duration retention) {}

  /**
   * Wallet login's rules and budget.
   *
   * @param policy what a login must satisfy (chains, domains, skew, token lifetime, issuer)
   * @param nonceTtl how long an issued nonce can be used
   * @param perSecond the process's login budget per second (logins and nonces together)
   * @param burst how many it may spend at once
   */
  public record WalletLogin(
      WalletLoginPolicy policy, Duration nonceTtl, long perSecond, long burst) {}

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

  public BindDeployment bindDeployment() {
    return bindDeployment;
  }

  public ResealKeys resealKeys() {
    return resealKeys;
  }

  public ForgetUnsignableKeys forgetUnsignableKeys() {
    return forgetUnsignableKeys;
  }

  public EnsureServiceKeys ensureServiceKeys() {
    return ensureServiceKeys;
  }

  public RotateServiceKey rotateServiceKey() {
    return rotateServiceKey;
  }

  public ListServiceKeys listServiceKeys() {
    return listServiceKeys;
  }

  public SignWithServiceKey signWithServiceKey() {
    return signWithServiceKey;
  }

  public RecordReceipt recordReceipt() {
    return recordReceipt;
  }

  public SignReceipt signReceipt() {
    return signReceipt;
  }

  public PurgeReceipts purgeReceipts() {
    return purgeReceipts;
  }

  public AttestKey attestKey() {
    return attestKey;
  }

  public LogInWithWallet logInWithWallet() {
    return logInWithWallet;
  }

  public IssueLoginNonce issueLoginNonce() {
    return issueLoginNonce;
  }

  public ReadWalletToken readWalletToken() {
    return readWalletToken;
  }

  public ForgetExpiredLogins forgetExpiredLogins() {
    return forgetExpiredLogins;
  }
}
