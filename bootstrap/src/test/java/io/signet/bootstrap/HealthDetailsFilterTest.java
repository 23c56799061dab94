package io.signet.bootstrap;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A path under {@code /health} that names no probe is 404 like any unknown path; it reached the
 * endpoint's {@code /health/{probe}} route and was a 400. (End to end: {@code ReadinessIT}.)
 */
class HealthDetailsFilterTest {
  private final HealthDetailsFilter filter =
      new HealthDetailsFilter("admin-token-0123456789abcdef0123456789");

  @Test
  void anUnknownProbeIsNoSuchRoute() {
    for (String path : List.of("/health/foo", "/health/LIVENESS", "/health/x/")) {
      assertThatThrownBy(() -> filter.knownProbesOnly(HttpRequest.GET(path)))
          .as(path)
          .isInstanceOfSatisfying(
              HttpStatusException.class,
              e ->
                  org.assertj.core.api.Assertions.assertThat((Object) e.getStatus())
                      .isEqualTo(HttpStatus.NOT_FOUND));
    }
    for (String path :
        List.of(
            "/health", "/health/", "/health/liveness", "/health/readiness", "/health/readiness/")) {
      assertThatCode(() -> filter.knownProbesOnly(HttpRequest.GET(path)))
          .as(path)
          .doesNotThrowAnyException();
    }
  }
}
