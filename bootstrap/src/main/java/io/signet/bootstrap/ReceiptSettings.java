package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Receipts of tenant responses (DESIGN §5.2).
 *
 * @param enabled give every authenticated {@code /api/v1/} response a durable receipt (switch off
 *     only to measure what receipts cost)
 * @param retention how long receipts are kept before the cleanup deletes them
 * @param cleanupInterval time between cleanup runs
 */
@ConfigurationProperties("signet.receipts")
record ReceiptSettings(
    @Bindable(defaultValue = "true") boolean enabled,
    @Bindable(defaultValue = "30d") Duration retention,
    @Bindable(defaultValue = "1h") Duration cleanupInterval) {}
