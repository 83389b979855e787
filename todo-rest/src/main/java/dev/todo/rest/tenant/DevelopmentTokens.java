package dev.todo.rest.tenant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues HS256 tokens that a {@link JwtVerifier#hmac} verifier with the same secret, issuer and audience accepts:
 * for trying the service out and for tests, where no identity provider is at hand (the app's {@code token}
 * command). In production, tokens come from the identity provider, not from here.
 */
public final class DevelopmentTokens {

    private DevelopmentTokens() {
    }

    /**
     * A token for a tenant, valid from now for the given time. Its header is {@code {"alg":"HS256","typ":"JWT"}};
     * its claims are {@code sub}, {@code iat}, {@code nbf} (both now), {@code exp} (now plus {@code ttl}), a random
     * {@code jti}, and {@code iss} and {@code aud} if given. JWT times count whole seconds, so now is cut down to
     * the second.
     *
     * @param secret the shared secret, at least {@value JwtVerifier#MIN_SECRET_BYTES} bytes
     * @param subject the tenant id the token speaks for
     * @param ttl how long the token is valid, more than zero
     * @param issuer the {@code iss} to set, or empty for none
     * @param audience the {@code aud} to set, or empty for none
     * @param clock tells what time it is now
     * @return the token, in compact form
     * @throws IllegalArgumentException if the secret is too short, the subject is not a valid tenant id or the time
     *     to live is not positive; the message never contains the secret
     */
    public static String issueHmac(byte[] secret, String subject, Duration ttl, Optional<String> issuer,
            Optional<String> audience, Clock clock) {
        JwtVerifier.requireStrongSecret(secret);
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        try {
            TenantId.of(subject);
        } catch (ValidationException e) {
            // A token the verifier would refuse is no use; say so now rather than at the first request.
            throw new IllegalArgumentException("The subject is not a valid tenant id (" + e.getMessage() + ")");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("The time to live must be positive");
        }
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString());
        issuer.ifPresent(claims::issuer);
        audience.ifPresent(claims::audience);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(secret.clone()));
        } catch (JOSEException e) {
            // Cannot happen with a secret of 32 bytes or more; Nimbus's message does not quote the secret.
            throw new IllegalStateException("Could not sign the token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }
}
