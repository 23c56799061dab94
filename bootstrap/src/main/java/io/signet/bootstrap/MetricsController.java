package io.signet.bootstrap;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import jakarta.annotation.PreDestroy;

/**
 * {@code GET /metrics}: every meter in the Prometheus text format. The adapters register their
 * meters in Micrometer's global registry (a meter there costs nothing until a registry is
 * attached); this controller attaches the Prometheus registry Micronaut configures to it, and
 * detaches it when the context closes.
 */
@Controller("/metrics")
@Context
class MetricsController {
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private final PrometheusMeterRegistry registry;

  MetricsController(PrometheusMeterRegistry registry) {
    this.registry = registry;
    Metrics.addRegistry(registry);
  }

  @Get
  @Produces(PROMETHEUS_TEXT)
  String scrape() {
    return registry.scrape();
  }

  @PreDestroy
  void detach() {
    Metrics.removeRegistry(registry);
  }
}
