package dev.todo.rest.tenant;

import static dev.todo.rest.tenant.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.todo.domain.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Development tokens are what the HMAC verifier accepts, for as long as they say, and no longer. */
class DevelopmentTokensTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00.750Z");
    private static final byte[] SECRET =
            "a-development-secret-of-32-bytes".getBytes(StandardCharsets.US_ASCII);

    private final TestClock clock = new TestClock(NOW);

    @Test
    void aTokenIsAcceptedByAVerifierWithTheSameSecretIssuerAndAudience() throws Exception {
        String token = DevelopmentTokens.issueHmac(SECRET, "auth0|alice", Duration.ofHours(1),
                Optional.of("todo-dev"), Optional.of("todo-api"), clock);
        JwtVerifier verifier = JwtVerifier.hmac(SECRET, Optional.of("todo-dev"), Optional.of("todo-api"), clock);

        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("auth0|alice"));
    }

    @Test
    void aTokenCarriesTheStandardClaims() throws Exception {
        SignedJWT jwt = SignedJWT.parse(DevelopmentTokens.issueHmac(SECRET, "alice", Duration.ofMinutes(15),
                Optional.of("todo-dev"), Optional.of("todo-api"), clock));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        Date now = Date.from(Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getType()).isEqualTo(JOSEObjectType.JWT);
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getIssuer()).isEqualTo("todo-dev");
        assertThat(claims.getAudience()).isEqualTo(List.of("todo-api"));
        assertThat(claims.getIssueTime()).isEqualTo(now);
        assertThat(claims.getNotBeforeTime()).isEqualTo(now);
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(now.toInstant().plus(Duration.ofMinutes(15))));
        assertThat(claims.getJWTID()).isNotBlank();
    }

    @Test
    void issuerAndAudienceAreLeftOutWhenNotGivenAndEachTokenHasItsOwnId() throws Exception {
        JWTClaimsSet first = SignedJWT.parse(DevelopmentTokens.issueHmac(SECRET, "alice", Duration.ofMinutes(1),
                Optional.empty(), Optional.empty(), clock)).getJWTClaimsSet();
        JWTClaimsSet second = SignedJWT.parse(DevelopmentTokens.issueHmac(SECRET, "alice", Duration.ofMinutes(1),
                Optional.empty(), Optional.empty(), clock)).getJWTClaimsSet();

        assertThat(first.getClaims()).doesNotContainKeys("iss", "aud");
        assertThat(first.getJWTID()).isNotEqualTo(second.getJWTID());
    }

    @Test
    void aTokenExpiresAfterItsTimeToLivePlusTheClockSkew() throws Exception {
        String token = DevelopmentTokens.issueHmac(SECRET, "alice", Duration.ofMinutes(10), Optional.empty(),
                Optional.empty(), clock);
        JwtVerifier verifier = JwtVerifier.hmac(SECRET, Optional.empty(), Optional.empty(), clock);

        // exp is cut down to the whole second, 00:10:00, so the token is refused from 00:11:00 on.
        clock.advance(Duration.ofMinutes(10).plusSeconds(59));
        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));

        clock.advance(Duration.ofMillis(250));
        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token has expired");
    }

    @Test
    void aVerifierWithAnotherSecretRefusesTheToken() throws Exception {
        byte[] other = "another-development-secret-32-by".getBytes(StandardCharsets.US_ASCII);
        String token = DevelopmentTokens.issueHmac(SECRET, "alice", Duration.ofMinutes(1), Optional.empty(),
                Optional.empty(), clock);

        assertThat(refusal(JwtVerifier.hmac(other, Optional.empty(), Optional.empty(), clock), token, SECRET, other))
                .isEqualTo("The token signature is invalid");
    }

    @Test
    void aShortSecretIsRefusedWithoutShowingIt() {
        byte[] secret = "only-a-31-byte-secret-for-tests".getBytes(StandardCharsets.US_ASCII);

        assertThatThrownBy(() -> DevelopmentTokens.issueHmac(secret, "alice", Duration.ofMinutes(1),
                Optional.empty(), Optional.empty(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The HMAC secret must be at least 32 bytes (256 bits) long, but has 31 bytes")
                .satisfies(e -> Refusals.assertContainsNone(e.getMessage(), null, secret));
    }

    @Test
    void aSubjectThatIsNotATenantIdIsRefused() {
        for (String subject : new String[] {null, "", "alice smith", "a".repeat(129)}) {
            assertThatThrownBy(() -> DevelopmentTokens.issueHmac(SECRET, subject, Duration.ofMinutes(1),
                    Optional.empty(), Optional.empty(), clock))
                    .as(String.valueOf(subject))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("The subject is not a valid tenant id");
        }
    }

    @Test
    void aTimeToLiveThatIsNotPositiveIsRefused() {
        for (Duration ttl : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThatThrownBy(() -> DevelopmentTokens.issueHmac(SECRET, "alice", ttl, Optional.empty(),
                    Optional.empty(), clock))
                    .as(ttl.toString())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("The time to live must be positive");
        }
    }
}
