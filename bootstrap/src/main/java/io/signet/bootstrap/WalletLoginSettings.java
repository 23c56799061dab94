package io.signet.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.signet.domain.wallet.WalletLoginPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Wallet login (DESIGN §6), under {@code signet.auth}.
 *
 * @param maxSkew how far a message's {@code Timestamp:} may be from server time, either way
 * @param chains accepted {@code chain_name}s besides {@code eth}
 * @param domains accepted Sign-In with Ethereum domains (host[:port])
 * @param tokenTtl lifetime of a token ({@code exp} − {@code iat})
 * @param issuer the tokens' {@code iss}
 * @param nonceTtl how long a Sign-In with Ethereum nonce may be used
 */
@ConfigurationProperties("signet.auth")
record WalletLoginSettings(
    @Bindable(defaultValue = "5m") Duration maxSkew,
    @Nullable List<String> chains,
    @Bindable(defaultValue = "localhost:8080") List<String> domains,
    @Bindable(defaultValue = "7d") Duration tokenTtl,
    @Bindable(defaultValue = "signet") String issuer,
    @Bindable(defaultValue = "5m") Duration nonceTtl) {

  WalletLoginPolicy policy() {
    return new WalletLoginPolicy(
        maxSkew,
        chains == null ? Set.of() : Set.copyOf(chains),
        Set.copyOf(domains),
        tokenTtl,
        issuer);
  }
}
