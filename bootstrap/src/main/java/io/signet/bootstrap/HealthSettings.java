package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * How often the health checks that reach the database and the HSM run at most ({@code
 * signet.health.check-interval}): every request in between shares the last answer.
 */
@ConfigurationProperties("signet.health")
record HealthSettings(@Bindable(defaultValue = "1s") Duration checkInterval) {}
