package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(environments = {"test", FakeCoreFactory.ENVIRONMENT})
class RequestMetricsTest {
  @Inject EmbeddedServer server;

  @Test
  void aMadeUpMethodIsCountedAsOtherSoAnonymousCallersCannotAddSeries() {
    RawHttp http = new RawHttp(server.getURI());
    for (String method : new String[] {"BREWA", "BREWB", "BREWC"}) {
      http.send(method, "/api/v1/me", Map.of(), (String) null);
      http.send(method, "/no/such/route", Map.of(), (String) null);
    }
    http.send("GET", "/no/such/route", Map.of(), (String) null);

    var methods =
        Metrics.globalRegistry.find("signet.http.server.requests").meters().stream()
            .map(Meter::getId)
            .map(id -> id.getTag("method"))
            .distinct()
            .toList();
    assertThat(methods).contains("OTHER", "GET").noneMatch(m -> m.startsWith("BREW"));
  }
}
