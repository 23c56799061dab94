package io.signet.adapter.rest;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.signet.domain.access.ApiKeyId;
import io.signet.domain.access.Principal;
import io.signet.domain.access.Scope;
import io.signet.domain.tenant.Plan;
import io.signet.domain.tenant.TenantId;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class AccessLogFilterTest {
  private final Logger access = (Logger) LoggerFactory.getLogger("io.signet.access");
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private final AccessLogFilter filter = new AccessLogFilter();
  private Level level;

  @BeforeEach
  void capture() {
    level = access.getLevel();
    access.setLevel(Level.INFO);
    lines.start();
    access.addAppender(lines);
    MDC.clear();
  }

  @AfterEach
  void release() {
    access.detachAppender(lines);
    access.setLevel(level);
    MDC.clear();
  }

  @Test
  void writesMillisecondsWithOneDecimalRoundedHalfUp() {
    assertThat(AccessLogFilter.oneDecimal(0)).isEqualTo("0.0");
    assertThat(AccessLogFilter.oneDecimal(49_999)).isEqualTo("0.0");
    assertThat(AccessLogFilter.oneDecimal(50_000)).isEqualTo("0.1");
    assertThat(AccessLogFilter.oneDecimal(149_999)).isEqualTo("0.1");
    assertThat(AccessLogFilter.oneDecimal(26_340_000)).isEqualTo("26.3");
    assertThat(AccessLogFilter.oneDecimal(999_950_000)).isEqualTo("1000.0");
    assertThat(AccessLogFilter.oneDecimal(1_234_567_890)).isEqualTo("1234.6");
  }

  /** The line carries the request's ids; the thread's MDC is as it was after it. */
  @Test
  void theLineCarriesTheRequestsIdsAndTheThreadKeepsItsOwn() {
    TenantId tenant = TenantId.random();
    HttpRequest<?> request = authenticated(tenant);
    MDC.put(AccessLogFilter.REQUEST_ID, "the thread's");
    MDC.put("other", "kept");

    filter.log(request, HttpResponse.ok());

    ILoggingEvent line = lines.list.getFirst();
    assertThat(line.getMDCPropertyMap())
        .containsEntry(AccessLogFilter.REQUEST_ID, Exchange.requestId(request).toString())
        .containsEntry(AccessLogFilter.TENANT_ID, tenant.value().toString());
    assertThat(MDC.get(AccessLogFilter.REQUEST_ID)).isEqualTo("the thread's");
    assertThat(MDC.get(AccessLogFilter.TENANT_ID)).isNull();
    assertThat(MDC.get("other")).isEqualTo("kept");
  }

  @Test
  void anEmptyMdcStaysEmpty() {
    filter.log(authenticated(TenantId.random()), HttpResponse.ok());
    filter.log(HttpRequest.GET("/health/liveness"), HttpResponse.ok());

    assertThat(lines.list).hasSize(2);
    assertThat(lines.list.get(1).getMDCPropertyMap()).doesNotContainKey(AccessLogFilter.TENANT_ID);
    assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
  }

  @Test
  void aTenantOfTheThreadIsPutBack() {
    MDC.put(AccessLogFilter.TENANT_ID, "the thread's");

    filter.log(authenticated(TenantId.random()), HttpResponse.ok());

    assertThat(MDC.get(AccessLogFilter.TENANT_ID)).isEqualTo("the thread's");
    assertThat(MDC.get(AccessLogFilter.REQUEST_ID)).isNull();
  }

  private static HttpRequest<?> authenticated(TenantId tenant) {
    HttpRequest<?> request = HttpRequest.POST("/api/v1/sign", "{}");
    request.setAttribute(
        Exchange.PRINCIPAL,
        new Principal(tenant, ApiKeyId.random(), Set.of(Scope.values()), Plan.FREE));
    return request;
  }
}
