package io.signet.adapter.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a tenant route costs against its API key's rate budget, in units (a route without it costs
 * 1). Read by {@link RateLimitFilter} from the route the request matched, so the cost follows the
 * route however its path is spelt (a trailing slash, a percent-encoded segment).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@interface RateCost {
  /** A signature: an ML-DSA signing (hedged) plus a durable audit commit. */
  int SIGNATURE = 10;

  /** A verification. */
  int VERIFICATION = 2;

  /** Creating a key version (key generation in the HSM). */
  int KEY_CREATION = 50;

  int value();
}
