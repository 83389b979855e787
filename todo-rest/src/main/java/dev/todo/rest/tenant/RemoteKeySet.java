package dev.todo.rest.tenant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.jwk.source.RateLimitedJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.URL;
import java.security.Key;
import java.security.PublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The keys published at a JWKS URL as a key selector, with Nimbus's {@code JWKSourceBuilder} layers and numbers
 * (docs/security.md) but the time from the given clock; a set that cannot be fetched is a KeySourceException.
 */
final class RemoteKeySet implements JWSKeySelector<SecurityContext> {

    /** RS256, ES256 and EdDSA (Ed25519, by either name): none of them an HMAC, so no algorithm confusion. */
    static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    /** An Ed25519 key as a {@link Key}, which Nimbus's verifier factory does not make from a JWK by itself. */
    record Ed25519Key(OctetKeyPair jwk) implements PublicKey {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "Ed25519";
        }

        @Override
        public String getFormat() {
            return "JWK";
        }

        @Override
        public byte[] getEncoded() {
            return jwk.getDecodedX();
        }
    }

    private final URL url;
    private final JWKSetSource<SecurityContext> source;
    private final Clock clock;

    RemoteKeySet(URL url, Clock clock) {
        this.url = url;
        this.clock = clock;
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(JWKSourceBuilder.DEFAULT_HTTP_CONNECT_TIMEOUT,
                JWKSourceBuilder.DEFAULT_HTTP_READ_TIMEOUT, JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT);
        // The rate limit sits under the cache, so it counts real fetches only, never answers from the cache.
        JWKSetSource<SecurityContext> limited = new RateLimitedJWKSetSource<>(
                new URLBasedJWKSetSource<>(url, retriever), JWKSourceBuilder.DEFAULT_RATE_LIMIT_MIN_INTERVAL, null);
        this.source = new CachingJWKSetSource<>(limited,
                JWKSourceBuilder.DEFAULT_CACHE_TIME_TO_LIVE, JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT, null);
    }

    /** The keys that fit the header: its {@code kid} if any, its algorithm's key type and curve, for signing. */
    @Override
    public List<Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        long now = clock.millis();
        JWKSet cached = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), now, null);
        List<JWK> keys = selector.select(cached);
        if (keys.isEmpty()) {
            // An unknown kid may be a key just rotated in: fetch again, unless another request did since.
            try {
                keys = selector.select(source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(cached),
                        now, null));
            } catch (RateLimitReachedException e) {
                // The set was fetched moments ago and has no such key: an unknown key, not missing keys.
                return List.of();
            }
        }
        return usable(keys, header.getAlgorithm());
    }

    /** Keys that fit the algorithm; the matcher checks the key type only, so a P-384 key is left out for ES256. */
    private static List<Key> usable(List<JWK> keys, JWSAlgorithm alg) {
        List<Key> usable = new ArrayList<>();
        for (JWK key : keys) {
            try {
                if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
                    usable.add(rsa.toRSAPublicKey());
                } else if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)
                        && Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                    usable.add(ec.toECPublicKey());
                } else if (key instanceof OctetKeyPair okp && JWSAlgorithm.Family.ED.contains(alg)
                        && Curve.Ed25519.equals(okp.getCurve())) {
                    usable.add(new Ed25519Key(okp.toPublicJWK()));
                }
            } catch (JOSEException e) {
                // An unusable key in the published set (say, a point not on its curve) is skipped, not fatal.
            }
        }
        return usable;
    }

    @Override
    public String toString() {
        return "JWKS " + url;
    }
}
