package dev.todo.rest.tenant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.ValidationException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a bearer token (a JWS-signed JWT in compact form) and tells which tenant it speaks for: its {@code sub},
 * which must be a valid {@link TenantId}. Used by the REST adapter when {@code TODO_AUTH_MODE=jwt}.
 *
 * <p>A token is accepted only if all of these hold, checked in this order:
 * <ol>
 *   <li>it is a signed JWT: unsecured ({@code alg: none}) and encrypted tokens are refused;</li>
 *   <li>its algorithm is one this verifier accepts, whatever key it names: HS256, HS384 and HS512 for a
 *       {@linkplain #hmac shared secret} (only those the secret is long enough for), RS256, ES256 and EdDSA
 *       (Ed25519) for a {@linkplain #jwks JWKS URL}. The two lists never overlap, which is what stops algorithm
 *       confusion: an HS256 token "signed" with an RSA public key is refused by the JWKS verifier before any key is
 *       looked at;</li>
 *   <li>its {@code typ}, if present, is {@code JWT} or {@code at+jwt} (RFC 9068), so that other tokens the same
 *       issuer signs, such as logout tokens, are not taken for access tokens;</li>
 *   <li>its signature verifies with a key of the verifier;</li>
 *   <li>it has an {@code exp}, which has not passed, and its {@code nbf}, if any, has come, each with
 *       {@value #CLOCK_SKEW_SECONDS} seconds of tolerance for clocks that disagree; its {@code iat}, if any, is not
 *       in the future (with the same tolerance), and {@code exp - iat} is at most the longest lifetime (24 hours
 *       unless configured); a token without {@code iat} is accepted if {@code exp} is at most that long (plus the
 *       tolerance) from now;</li>
 *   <li>its {@code iss} is the issuer and its {@code aud} contains the audience, for each that was given (exact,
 *       case-sensitive match); when not given, the claim is not looked at;</li>
 *   <li>its {@code sub} is a string and a valid tenant id.</li>
 * </ol>
 * {@code jti} is not checked. All cryptography is Nimbus JOSE+JWT's (Tink's for Ed25519).
 *
 * <p>Neither the token nor the secret ever appears in an exception message or in {@link #toString()}; nothing is
 * logged here. Instances are immutable and thread-safe; build one per configuration and share it.
 */
public final class JwtVerifier {

    /** How far the clocks of the issuer and of this service may disagree, in seconds. */
    public static final int CLOCK_SKEW_SECONDS = 60;

    /** The shortest HMAC secret accepted, in bytes: 256 bits, the minimum RFC 7518 sets for HS256. */
    public static final int MIN_SECRET_BYTES = 32;

    /** The longest lifetime ({@code exp - iat}) accepted unless configured otherwise: a day. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(24);

    private static final Duration CLOCK_SKEW = Duration.ofSeconds(CLOCK_SKEW_SECONDS);
    private static final Set<JWSAlgorithm> JWKS_ALGORITHMS =
            Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);

    static final String MALFORMED = "The token is malformed";
    static final String ALGORITHM = "The token's algorithm is not accepted";
    static final String TYPE = "The token's type is not accepted";
    static final String NO_KEY = "No key matches the token";
    static final String SIGNATURE = "The token signature is invalid";
    static final String NO_EXPIRY = "The token has no expiry time";
    static final String EXPIRED = "The token has expired";
    static final String NOT_YET_VALID = "The token is not valid yet";
    static final String ISSUED_IN_THE_FUTURE = "The token was issued in the future";
    static final String TOO_LONG_LIVED = "The token's lifetime is longer than this service accepts";
    static final String ISSUER = "The token was issued by another issuer";
    static final String AUDIENCE = "The token is for another audience";
    static final String SUBJECT = "The token's subject is not a valid tenant id";

    /** Where the verifiers for one token's header come from. */
    private interface Keys {
        List<JWSVerifier> verifiersFor(JWSHeader header) throws KeysUnavailableException;
    }

    private final Set<JWSAlgorithm> algorithms;
    private final Keys keys;
    private final String keysDescription;
    private final Optional<String> issuer;
    private final Optional<String> audience;
    private final Duration maxLifetime;
    private final Clock clock;

    private JwtVerifier(Set<JWSAlgorithm> algorithms, Keys keys, String keysDescription, Optional<String> issuer,
            Optional<String> audience, Duration maxLifetime, Clock clock) {
        this.algorithms = Set.copyOf(algorithms);
        this.keys = keys;
        this.keysDescription = keysDescription;
        this.issuer = requireNotBlank(issuer, "issuer");
        this.audience = requireNotBlank(audience, "audience");
        this.maxLifetime = requirePositive(maxLifetime);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A verifier for tokens signed with a shared secret. It accepts HS256, and HS384 and HS512 too if the secret has
     * at least 48 or 64 bytes: RFC 7518 asks for a key at least as long as the hash, and Nimbus enforces it.
     *
     * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes; it is copied
     * @param issuer the required {@code iss}, or empty to accept any
     * @param audience the audience that {@code aud} must contain, or empty to accept any
     * @return the verifier
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_BYTES} bytes, or the
     *     issuer or audience is blank; the message never contains the secret
     */
    public static JwtVerifier hmac(byte[] secret, Optional<String> issuer, Optional<String> audience) {
        return hmac(secret, issuer, audience, DEFAULT_MAX_LIFETIME, Clock.systemUTC());
    }

    /**
     * A verifier for tokens signed with a shared secret, as {@link #hmac(byte[], Optional, Optional)}, accepting
     * tokens whose lifetime is at most the given one.
     *
     * @param secret the shared secret, at least {@value #MIN_SECRET_BYTES} bytes; it is copied
     * @param issuer the required {@code iss}, or empty to accept any
     * @param audience the audience that {@code aud} must contain, or empty to accept any
     * @param maxLifetime the longest {@code exp - iat} accepted (or {@code exp - now}, for a token without
     *     {@code iat}); positive
     * @return the verifier
     */
    public static JwtVerifier hmac(byte[] secret, Optional<String> issuer, Optional<String> audience,
            Duration maxLifetime) {
        return hmac(secret, issuer, audience, maxLifetime, Clock.systemUTC());
    }

    static JwtVerifier hmac(byte[] secret, Optional<String> issuer, Optional<String> audience, Clock clock) {
        return hmac(secret, issuer, audience, DEFAULT_MAX_LIFETIME, clock);
    }

    static JwtVerifier hmac(byte[] secret, Optional<String> issuer, Optional<String> audience, Duration maxLifetime,
            Clock clock) {
        requireStrongSecret(secret);
        MACVerifier verifier;
        try {
            verifier = new MACVerifier(secret.clone());
        } catch (JOSEException e) {
            // Cannot happen after the length check; the message is Nimbus's and does not quote the secret.
            throw new IllegalArgumentException("The HMAC secret is refused: " + e.getMessage());
        }
        List<JWSVerifier> verifiers = List.of(verifier);
        return new JwtVerifier(verifier.supportedJWSAlgorithms(), header -> verifiers,
                "HMAC secret of " + secret.length + " bytes", issuer, audience, maxLifetime, clock);
    }

    /**
     * A verifier for tokens signed with the public keys published at a JWKS URL, as identity providers do. It
     * accepts RS256, ES256 and EdDSA (Ed25519, by the name {@code EdDSA} or {@code Ed25519}).
     *
     * <p>The key set is fetched on the first token, not here, so the service starts even if the identity provider is
     * down. It is cached for 5 minutes, fetched again at once when a token names a {@code kid} that is not in it (a
     * rotated key), and fetched at most twice per 30 seconds, so a flood of unknown {@code kid}s cannot hammer the
     * endpoint: such tokens are refused with "No key matches the token". When the set cannot be fetched,
     * {@link #tenantOf} throws {@link KeysUnavailableException} rather than {@link InvalidTokenException}: see there
     * why that is a 503 and not a 401. Use https: keys fetched over plain http could be swapped on the way.
     *
     * @param jwksUrl the absolute http or https URL of the key set
     * @param issuer the required {@code iss}, or empty to accept any
     * @param audience the audience that {@code aud} must contain, or empty to accept any
     * @return the verifier
     * @throws IllegalArgumentException if the URL is not an absolute http or https URL, or the issuer or audience
     *     is blank
     */
    public static JwtVerifier jwks(URI jwksUrl, Optional<String> issuer, Optional<String> audience) {
        return jwks(jwksUrl, issuer, audience, DEFAULT_MAX_LIFETIME, Clock.systemUTC());
    }

    /**
     * A verifier for the keys at a JWKS URL, as {@link #jwks(URI, Optional, Optional)}, accepting tokens whose
     * lifetime is at most the given one.
     *
     * @param jwksUrl the absolute http or https URL of the key set
     * @param issuer the required {@code iss}, or empty to accept any
     * @param audience the audience that {@code aud} must contain, or empty to accept any
     * @param maxLifetime the longest {@code exp - iat} accepted (or {@code exp - now}, for a token without
     *     {@code iat}); positive
     * @return the verifier
     */
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
        return new JwtVerifier(JWKS_ALGORITHMS, header -> verifiersFor(keySet.keysFor(header), header),
                keySet.toString(), issuer, audience, maxLifetime, clock);
    }

    /** The URL of a key set, which must be an absolute http or https URL (else IllegalArgumentException). */
    public static URL keySetUrl(URI jwksUrl) {
        Objects.requireNonNull(jwksUrl, "jwksUrl");
        String scheme = jwksUrl.getScheme() == null ? "" : jwksUrl.getScheme().toLowerCase(Locale.ROOT);
        try {
            if (jwksUrl.isAbsolute() && (scheme.equals("https") || scheme.equals("http")) && jwksUrl.getHost() != null) {
                return jwksUrl.toURL();
            }
        } catch (MalformedURLException | IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException("The JWKS URL must be an absolute http or https URL");
    }

    /**
     * @param compactToken the token, without the {@code Bearer} prefix
     * @return the tenant named by a valid token's {@code sub}
     * @throws InvalidTokenException if the token is refused, with a description for the client (401); a null or
     *     empty token is malformed
     * @throws KeysUnavailableException if the keys to check it cannot be fetched (JWKS only; 503)
     */
    public TenantId tenantOf(String compactToken) throws InvalidTokenException, KeysUnavailableException {
        SignedJWT jwt = parse(compactToken);
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new InvalidTokenException(ALGORITHM);
        }
        if (!acceptedType(header.getType())) {
            throw new InvalidTokenException(TYPE);
        }
        verifySignature(jwt, keys.verifiersFor(header));
        Map<String, Object> json;
        JWTClaimsSet claims;
        try {
            json = jwt.getPayload().toJSONObject();
            if (json == null) {
                throw new InvalidTokenException(MALFORMED);
            }
            claims = JWTClaimsSet.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException(MALFORMED);
        }
        checkTime(claims);
        if (issuer.isPresent() && !issuer.get().equals(claims.getIssuer())) {
            throw new InvalidTokenException(ISSUER);
        }
        if (audience.isPresent() && !claims.getAudience().contains(audience.get())) {
            throw new InvalidTokenException(AUDIENCE);
        }
        // Read from the JSON itself: Nimbus turns a numeric sub into a string, and two large numbers can print alike.
        if (!(json.get(JWTClaimNames.SUBJECT) instanceof String subject)) {
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

    /**
     * @throws IllegalArgumentException if the secret is shorter than {@value #MIN_SECRET_BYTES} bytes, with a
     *     message that gives its length only
     */
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
            // alg "none": an unsecured JWT, which anyone can write.
            case PlainJWT unsecured -> throw new InvalidTokenException(ALGORITHM);
            // Encrypted tokens would need a private key this service does not have.
            case EncryptedJWT encrypted -> throw new InvalidTokenException(ALGORITHM);
            default -> throw new InvalidTokenException(MALFORMED);
        };
    }

    private static boolean acceptedType(JOSEObjectType type) {
        if (type == null) {
            return true;
        }
        // RFC 7515 4.1.9: compare case-insensitively, and "application/" may be left out.
        String name = type.getType().toLowerCase(Locale.ROOT);
        if (name.startsWith("application/")) {
            name = name.substring("application/".length());
        }
        return name.equals("jwt") || name.equals("at+jwt");
    }

    private static void verifySignature(SignedJWT jwt, List<JWSVerifier> verifiers) throws InvalidTokenException {
        if (verifiers.isEmpty()) {
            throw new InvalidTokenException(NO_KEY);
        }
        for (JWSVerifier verifier : verifiers) {
            try {
                if (jwt.verify(verifier)) {
                    return;
                }
            } catch (JOSEException e) {
                // This key cannot check this token (e.g. a key too short for the algorithm); try the next one.
            }
        }
        throw new InvalidTokenException(SIGNATURE);
    }

    /** One verifier per key that fits the header's algorithm; keys that do not fit are left out. */
    private static List<JWSVerifier> verifiersFor(List<JWK> keys, JWSHeader header) {
        JWSAlgorithm alg = header.getAlgorithm();
        List<JWSVerifier> verifiers = new ArrayList<>();
        for (JWK key : keys) {
            try {
                if (key instanceof RSAKey rsa && JWSAlgorithm.Family.RSA.contains(alg)) {
                    verifiers.add(new RSASSAVerifier(rsa));
                } else if (key instanceof ECKey ec && JWSAlgorithm.Family.EC.contains(alg)
                        && Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                    // The matcher checks the key type only: a P-384 key must not be tried on an ES256 token.
                    verifiers.add(new ECDSAVerifier(ec));
                } else if (key instanceof OctetKeyPair okp && JWSAlgorithm.Family.ED.contains(alg)
                        && Curve.Ed25519.equals(okp.getCurve())) {
                    verifiers.add(new Ed25519Verifier(okp.toPublicJWK()));
                }
            } catch (JOSEException e) {
                // An unusable key in the published set (say, a point not on its curve) is skipped, not fatal.
            }
        }
        return verifiers;
    }

    private void checkTime(JWTClaimsSet claims) throws InvalidTokenException {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new InvalidTokenException(NO_EXPIRY);
        }
        if (!now.isBefore(expiry.toInstant().plus(CLOCK_SKEW))) {
            throw new InvalidTokenException(EXPIRED);
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant().minus(CLOCK_SKEW))) {
            throw new InvalidTokenException(NOT_YET_VALID);
        }
        // A stolen token works until its exp: a bound on the lifetime bounds that, whatever the issuer sets.
        Date issuedAt = claims.getIssueTime();
        if (issuedAt != null) {
            if (now.isBefore(issuedAt.toInstant().minus(CLOCK_SKEW))) {
                throw new InvalidTokenException(ISSUED_IN_THE_FUTURE);
            }
            if (Duration.between(issuedAt.toInstant(), expiry.toInstant()).compareTo(maxLifetime) > 0) {
                throw new InvalidTokenException(TOO_LONG_LIVED);
            }
        } else if (Duration.between(now, expiry.toInstant()).compareTo(maxLifetime.plus(CLOCK_SKEW)) > 0) {
            // Without iat the lifetime is unknown; what is left of it may not exceed the bound.
            throw new InvalidTokenException(TOO_LONG_LIVED);
        }
    }

    private static Duration requirePositive(Duration maxLifetime) {
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        if (maxLifetime.isNegative() || maxLifetime.isZero()) {
            throw new IllegalArgumentException("The longest token lifetime must be positive");
        }
        return maxLifetime;
    }

    private static Optional<String> requireNotBlank(Optional<String> value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && value.get().isBlank()) {
            throw new IllegalArgumentException("The " + name + " must not be blank; leave it out to accept any");
        }
        return value;
    }
}
