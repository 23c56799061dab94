package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.signet.application.StartupFailure;
import io.signet.domain.Causes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A body budget under the server's body limit would answer the largest bodies the server takes with
 * 503 "retry shortly" for ever: the start is refused instead, with one line naming the variable.
 */
class BodyBudgetSettingTest {
  private static final long LIMIT = 3 << 20;

  @Test
  void aBudgetUnderTheBodyLimitIsRefused() {
    assertThat(new BodyBudgetFilter(LIMIT, LIMIT, null).inFlightBytes()).isZero();
    for (long budget : new long[] {LIMIT - 1, 0, -1}) {
      assertThatThrownBy(() -> new BodyBudgetFilter(budget, LIMIT, null))
          .isInstanceOf(StartupFailure.class)
          .hasMessage(
              "signet.http.max-in-flight-body-bytes (SIGNET_HTTP_MAX_IN_FLIGHT_BODY_BYTES) must be"
                  + " at least micronaut.server.max-request-size (3145728 bytes): a body the server"
                  + " takes could never be admitted");
    }
  }

  @Test
  void theRefusalStopsTheStartNotTheFirstRequest() {
    assertThatThrownBy(
            () ->
                ApplicationContext.run(
                        Map.of("signet.http.max-in-flight-body-bytes", "1000"),
                        "test",
                        FakeCoreFactory.ENVIRONMENT)
                    .close())
        .satisfies(
            failure ->
                assertThat(Causes.find(failure, StartupFailure.class))
                    .get()
                    .extracting(Throwable::getMessage)
                    .asString()
                    .contains("SIGNET_HTTP_MAX_IN_FLIGHT_BODY_BYTES"));
  }
}
