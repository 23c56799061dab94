package io.signet.application;

import io.signet.application.port.AuditLog;
import io.signet.application.port.Receipts;
import io.signet.application.port.ServiceKeyCustody;
import io.signet.application.port.ServiceKeys;
import io.signet.application.port.Transactions;
import java.time.Clock;
import java.time.Duration;

/**
 * Assembles the use cases of the service's own keys, receipts and attestation (DESIGN §5) over
 * their ports, in plain Java, beside {@link UseCases}: the service's bean factory hands these out,
 * and the REST tests build the same over in-memory fakes.
 */
public final class ServiceUseCases {
  private final EnsureServiceKeys ensureServiceKeys;
  private final RotateServiceKey rotateServiceKey;
  private final ListServiceKeys listServiceKeys;
  private final SignWithServiceKey signWithServiceKey;
  private final RecordReceipt recordReceipt;
  private final SignReceipt signReceipt;
  private final PurgeReceipts purgeReceipts;

  public ServiceUseCases(Ports ports, Clock clock, ServiceInstance instance, Settings settings) {
    ServiceKeys keys = ports.serviceKeys();
    ServiceKeyCustody custody = ports.custody();
    ensureServiceKeys =
        new EnsureServiceKeys(
            keys,
            custody,
            ports.audit(),
            ports.transactions(),
            clock,
            instance.id(),
            settings.claimGrace(),
            settings.startupWait());
    rotateServiceKey =
        new RotateServiceKey(
            keys,
            custody,
            ports.audit(),
            ports.transactions(),
            clock,
            instance.id(),
            settings.claimGrace());
    listServiceKeys = new ListServiceKeys(keys);
    signWithServiceKey = new SignWithServiceKey(keys, custody);
    recordReceipt = new RecordReceipt(ports.receipts(), clock, settings.receiptsEnabled());
    signReceipt = new SignReceipt(ports.receipts(), signWithServiceKey);
    purgeReceipts = new PurgeReceipts(ports.receipts(), clock, settings.receiptRetention());
  }

  /** The outbound ports these use cases run on. */
  public record Ports(
      ServiceKeys serviceKeys,
      ServiceKeyCustody custody,
      Receipts receipts,
      AuditLog audit,
      Transactions transactions) {}

  /**
   * How service keys and receipts behave.
   *
   * @param claimGrace age after which a pending service-key claim is taken over
   * @param startupWait how long a start waits for another instance's service-key creation
   * @param receiptsEnabled whether tenant responses get receipts (off only to measure their cost)
   * @param receiptRetention how long receipts are kept
   */
  public record Settings(
      Duration claimGrace,
      Duration startupWait,
      boolean receiptsEnabled,
      Duration receiptRetention) {}

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
}
