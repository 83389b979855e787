package dev.todo.rest.tenant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.ValidationException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a bearer token (a JWS-signed JWT in compact form) and tells which tenant its {@code sub} names: Nimbus's
 * {@link DefaultJWTProcessor} with this service's algorithm lists, type check, key selector and claims check, in
 * the order docs/security.md lists. No message and no {@link #toString()} holds the token or the secret; immutable.
 */
public final class JwtVerifier {

    /** How far the clocks of the issuer and of this service may disagree, in seconds. */
    public static final int CLOCK_SKEW_SECONDS = 60;

    /** The shortest secret accepted, here and for every key of the service: 256 bits, RFC 7518's HS256 minimum. */
    public static final int MIN_SECRET_BYTES = 32;

    /** The longest lifetime ({@code exp - iat}) accepted unless configured otherwise: a day. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(CLOCK_SKEW_SECONDS);

    static final String MALFORMED = "The token is malformed";
    static final String ALGORITHM = "The token's algorithm is not accepted";
    static final String SIGNATURE = "The token signature is invalid";
    static final String SUBJECT = "The token's subject is not a valid tenant id";

    /** A refusal by this verifier's own checks, carrying the description the client gets. */
    private static final class Refused extends BadJWTException {
        private static final long serialVersionUID = 1L;

        Refused(String description) {
            super(description);
        }
    }

    private final Set<JWSAlgorithm> algorithms;
    private final String keysDescription;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Duration maxLifetime;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    private JwtVerifier(Set<JWSAlgorithm> algorithms, JWSKeySelector<SecurityContext> keys,
            String keysDescription, Optional<String> issuer, Optional<String> audience, Duration maxLifetime,
            Clock clock) {
        this.algorithms = Set.copyOf(algorithms);
        this.keysDescription = keysDescription;
        this.issuer = requireNotBlank(issuer, "issuer");
        this.audience = requireNotBlank(audience, "audience");
        this.maxLifetime = Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("The longest token lifetime must be positive");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        processor.setJWSTypeVerifier((type, context) -> {
            if (!acceptedType(type)) {
                throw new Refused("The token's type is not accepted");
            }
        });
        processor.setJWSKeySelector(keys);
        processor.setJWSVerifierFactory(new DefaultJWSVerifierFactory() {
            @Override
            public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
                return key instanceof RemoteKeySet.Ed25519Key ed ? new Ed25519Verifier(ed.jwk())
                        : super.createJWSVerifier(header, key);
            }
        });
        processor.setJWTClaimsSetVerifier((claims, context) -> checkClaims(claims));
    }

    /** Tokens signed with a shared secret, of at least {@value #MIN_SECRET_BYTES} bytes (copied), lasting a day. */
    public static JwtVerifier hmac(byte[] secret, Optional<String> issuer, Optional<String> audience) {
        return hmac(secret, issuer, audience, DEFAULT_MAX_LIFETIME, Clock.systemUTC());
    }

    /** Tokens signed with a shared secret, lasting at most {@code maxLifetime}. */
    public static JwtVerifier hmac(byte[] secret, Optional<String> issuer, Optional<String> audience,
            Duration maxLifetime) {
        return hmac(secret, issuer, audience, maxLifetime, Clock.systemUTC());
    }

    static JwtVerifier hmac(byte[] secret, Optional<String> issuer, Optional<String> audience, Clock clock) {
        return hmac(secret, issuer, audience, DEFAULT_MAX_LIFETIME, clock);
    }

    /**
     * HS256, and HS384 and HS512 if the secret has at least 48 or 64 bytes (RFC 7518: a key as long as the hash).
     * A secret shorter than {@value #MIN_SECRET_BYTES} bytes is an IllegalArgumentException that gives its length.
     */
    static JwtVerifier hmac(byte[] secret, Optional<String> issuer, Optional<String> audience, Duration maxLifetime,
            Clock clock) {
        requireStrongSecret(secret);
        Set<JWSAlgorithm> algorithms;
        try {
            algorithms = new MACVerifier(secret).supportedJWSAlgorithms();
        } catch (JOSEException e) {
            // Cannot happen after the length check; the message is Nimbus's and does not quote the secret.
            throw new IllegalArgumentException("The HMAC secret is refused: " + e.getMessage());
        }
        List<SecretKeySpec> key = List.of(new SecretKeySpec(secret.clone(), "HmacSHA256"));
        return new JwtVerifier(algorithms, (header, context) -> key, "HMAC secret of " + secret.length + " bytes",
                issuer, audience, maxLifetime, clock);
    }

    /**
     * Tokens signed with the keys published at a JWKS URL (see {@link RemoteKeySet}), fetched on the first token
     * so that the service starts while the identity provider is down; a set that cannot be fetched makes
     * {@link #tenantOf} throw {@link KeysUnavailableException}. The URL must be absolute http(s).
     */
    public static JwtVerifier jwks(URI jwksUrl, Optional<String> issuer, Optional<String> audience) {
        return jwks(jwksUrl, issuer, audience, DEFAULT_MAX_LIFETIME, Clock.systemUTC());
    }

    /** Tokens signed with the keys at a JWKS URL, lasting at most {@code maxLifetime}. */
    public static JwtVerifier jwks(URI jwksUrl, Optional<String> issuer, Optional<String> audience,
            Duration maxLifetime) {
        return jwks(jwksUrl, issuer, audience, maxLifetime, Clock.systemUTC());
    }

    static JwtVerifier jwks(URI jwksUrl, Optional<String> issuer, Optional<String> audience, Clock clock) {
        return jwks(jwksUrl, issuer, audience, DEFAULT_MAX_LIFETIME, clock);
    }

    static JwtVerifier jwks(URI jwksUrl, Optional<String> issuer, Optional<String> audience, Duration maxLifetime,
            Clock clock) {
        RemoteKeySet keySet = new RemoteKeySet(keySetUrl(jwksUrl), clock);
        return new JwtVerifier(RemoteKeySet.ALGORITHMS, keySet, keySet.toString(), issuer, audience, maxLifetime,
                clock);
    }

    /** The URL of a key set, which must be an absolute http or https URL (else IllegalArgumentException). */
    public static URL keySetUrl(URI jwksUrl) {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        String scheme = jwksUrl.getScheme() == null ? "" : jwksUrl.getScheme().toLowerCase(Locale.ROOT);
        try {
            boolean http = scheme.equals("https") || scheme.equals("http");
            if (jwksUrl.isAbsolute() && http && jwksUrl.getHost() != null) {
                return jwksUrl.toURL();
            }
        } catch (MalformedURLException | IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException("The JWKS URL must be an absolute http or https URL");
    }

    /**
     * The tenant a valid token's {@code sub} names; a refused token (null or empty: malformed) is an
     * {@link InvalidTokenException} (401), keys that cannot be fetched a {@link KeysUnavailableException} (503).
     */
    public TenantId tenantOf(String compactToken) throws InvalidTokenException, KeysUnavailableException {
        SignedJWT jwt = parse(compactToken);
        if (!algorithms.contains(jwt.getHeader().getAlgorithm())) {
            throw new InvalidTokenException(ALGORITHM);
        }
        try {
            processor.process(jwt, null);
        } catch (Refused e) {
            throw new InvalidTokenException(Objects.requireNonNull(e.getMessage()));
        } catch (BadJWSException e) {
            throw new InvalidTokenException(SIGNATURE);
        } catch (BadJWTException e) {
            // The processor's own: the payload is not a claims set.
            throw new InvalidTokenException(MALFORMED);
        } catch (BadJOSEException e) {
            throw new InvalidTokenException("No key matches the token");
        } catch (KeySourceException e) {
            throw new KeysUnavailableException(e);
        } catch (JOSEException | RuntimeException e) {
            // A key that cannot check this token; hostile input must end in a refusal, never in a 500.
            throw new InvalidTokenException(SIGNATURE);
        }
        // Read from the JSON itself: Nimbus turns a numeric sub into a string, and two large numbers can print alike.
        if (!(jwt.getPayload().toJSONObject().get(JWTClaimNames.SUBJECT) instanceof String subject)) {
            throw new InvalidTokenException(SUBJECT);
        }
        try {
            return TenantId.of(subject);
        } catch (ValidationException e) {
            throw new InvalidTokenException(SUBJECT);
        }
    }

    /** Says which keys and claims it checks; never the secret. */
    @Override
    public String toString() {
        return "JwtVerifier[" + keysDescription + ", algorithms " + algorithms.stream().map(JWSAlgorithm::getName)
                .sorted().toList() + ", issuer " + issuer.orElse("(any)") + ", audience " + audience.orElse("(any)")
                + ", lifetime at most " + maxLifetime + "]";
    }

    /** An IllegalArgumentException, giving the length only, for a secret under {@value #MIN_SECRET_BYTES} bytes. */
    static void requireStrongSecret(byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("The HMAC secret must be at least " + MIN_SECRET_BYTES
                    + " bytes (256 bits) long, but has " + secret.length + " bytes");
        }
    }

    private static SignedJWT parse(String compactToken) throws InvalidTokenException {
        if (compactToken == null) {
            throw new InvalidTokenException(MALFORMED);
        }
        JWT jwt;
        try {
            jwt = JWTParser.parse(compactToken);
        } catch (ParseException | RuntimeException e) {
            // Hostile input must end in a refusal, even if it trips the parser in a way it did not foresee.
            throw new InvalidTokenException(MALFORMED);
        }
        return switch (jwt) {
            case SignedJWT signed -> signed;
            // alg "none", which anyone can write; encrypted tokens, which need a private key this service lacks.
            case PlainJWT unsecured -> throw new InvalidTokenException(ALGORITHM);
            case EncryptedJWT encrypted -> throw new InvalidTokenException(ALGORITHM);
            default -> throw new InvalidTokenException(MALFORMED);
        };
    }

    /** No {@code typ}, or JWT or at+jwt (RFC 9068), in any case and with "application/" optional (RFC 7515). */
    private static boolean acceptedType(JOSEObjectType type) {
        if (type == null) {
            return true;
        }
        String name = type.getType().toLowerCase(Locale.ROOT);
        if (name.startsWith("application/")) {
            name = name.substring("application/".length());
        }
        return name.equals("jwt") || name.equals("at+jwt");
    }

    private void checkClaims(JWTClaimsSet claims) throws Refused {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new Refused("The token has no expiry time");
        }
        if (!now.isBefore(expiry.toInstant().plus(CLOCK_SKEW))) {
            throw new Refused("The token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(CLOCK_SKEW))) {
            throw new Refused("The token is not valid yet");
        }
        // A stolen token works until its exp: a bound on the lifetime bounds that, whatever the issuer sets.
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null && now.isBefore(issuedAt.toInstant().minus(CLOCK_SKEW))) {
            throw new Refused("The token was issued in the future");
        }
        Duration lifetime = issuedAt != null ? Duration.between(issuedAt.toInstant(), expiry.toInstant())
                : Duration.between(now, expiry.toInstant()).minus(CLOCK_SKEW);
        if (lifetime.compareTo(maxLifetime) > 0) {
            throw new Refused("The token's lifetime is longer than this service accepts");
        }
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            throw new Refused("The token was issued by another issuer");
        }
        if (audience.isPresent() && !claims.getAudience().contains(audience.get())) {
            throw new Refused("The token is for another audience");
        }
    }

    private static Optional<String> requireNotBlank(Optional<String> value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && value.get().isBlank()) {
            throw new IllegalArgumentException("The " + name + " must not be blank; leave it out to accept any");
        }
        return value;
    }
}
