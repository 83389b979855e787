package dev.todo.rest.tenant;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URL;
import java.time.Clock;
import java.util.List;

/**
 * The public keys published at a JWKS URL, fetched on first use and cached.
 *
 * <p>The layers are Nimbus's own, in the order its {@code JWKSourceBuilder} stacks them, with its default numbers:
 * the set is cached for 5 minutes; a token whose {@code kid} is not in the cached set makes it fetch the set again
 * at once, which is how a rotated key is picked up; and fetches are rate-limited to two per 30 seconds, so a flood
 * of tokens with made-up {@code kid}s costs the JWKS endpoint at most that. The builder's final layer is replaced by
 * {@link #keysFor}, which does the same lookup but asks the given clock for the time, so that tests can move it.
 */
final class RemoteKeySet {

    private final URL url;
    private final JWKSetSource<SecurityContext> source;
    private final Clock clock;

    RemoteKeySet(URL url, Clock clock) {
        this.url = url;
        this.clock = clock;
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(
                JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
                JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT,
                JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
        JWKSetSource<SecurityContext> fetched = new URLBasedJWKSetSource<>(url, retriever);
        // The rate limit sits under the cache, so it counts real fetches only, never answers from the cache.
        JWKSetSource<SecurityContext> limited = new RateLimitedJWKSetSource<>(fetched,
                JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, null);
        this.source = new CachingJWKSetSource<>(limited,
                JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, null);
    }

    /**
     * The keys that could have signed a token with this header: of the header's algorithm's key type and, for
     * EdDSA, curve, with the header's {@code kid} if it names one, and meant for signatures.
     *
     * @param header the token's header, whose algorithm has been checked already
     * @return the matching keys, possibly none
     * @throws KeysUnavailableException if the key set cannot be fetched
     */
    List<JWK> keysFor(JWSHeader header) throws KeysUnavailableException {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        long now = clock.millis();
        JWKSet cached;
        try {
            cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e);
        }
        List<JWK> keys = selector.select(cached);
        if (!keys.isEmpty()) {
            return keys;
        }
        // An unknown kid may be a key the issuer has just rotated in: fetch the set again, unless some other
        // request did so since we read it.
        try {
            return selector.select(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached), now,
                    null));
        } catch (RateLimitReachedException e) {
            // The set was fetched moments ago and has no such key: an unknown key, not missing keys.
            return List.of();
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e);
        }
    }

    @Override
    public String toString() {
        return "JWKS " + url;
    }
}
