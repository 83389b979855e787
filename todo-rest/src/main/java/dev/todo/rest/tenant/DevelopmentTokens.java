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
 * Issues HS256 tokens that a {@link JwtVerifier#hmac} verifier with the same secret, issuer and audience accepts,
 * for trying the service and for tests (the app's {@code token} command); in production an identity provider does.
 */
public final class DevelopmentTokens {

    private DevelopmentTokens() {
    }

    /**
     * A compact token ({@code typ JWT}) with {@code sub}, {@code iat} and {@code nbf} now (whole seconds), {@code exp}
     * now plus {@code ttl}, a random {@code jti}, and {@code iss} and {@code aud} if given. A secret under
     * {@value JwtVerifier#MIN_SECRET_BYTES} bytes, a subject that is no tenant id or a ttl not positive is an
     * IllegalArgumentException, whose message never holds the secret.
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
