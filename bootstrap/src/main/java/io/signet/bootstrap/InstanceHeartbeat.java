package io.signet.bootstrap;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import io.signet.application.TrackInstances;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Beats this instance's heartbeat at start-up and every {@code signet.instances.heartbeat}, logs
 * when the number of live instances changes (each one's rate-limit share changes with it), and
 * leaves the registry when the context closes.
 */
@Singleton
class InstanceHeartbeat {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceHeartbeat.class);
  private final TrackInstances instances;
  private final AtomicInteger known = new AtomicInteger();

  InstanceHeartbeat(TrackInstances instances) {
    this.instances = instances;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    beat();
  }

  @Scheduled(
      fixedDelay = "${signet.instances.heartbeat:5s}",
      initialDelay = "${signet.instances.heartbeat:5s}")
  void beat() {
    try {
      int live = instances.beat();
      if (known.getAndSet(live) != live) {
        LOG.info(
            "live Signet instances: {} (each enforces 1/{} of the plans' budgets)", live, live);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "instance heartbeat failed, keeping {} live instance(s): {}",
          instances.live(),
          e.getMessage());
    }
  }

  @PreDestroy
  void leave() {
    try {
      instances.leave();
    } catch (RuntimeException e) {
      LOG.warn("could not leave the instance registry: {}", e.getMessage());
    }
  }
}
