package dev.todo.rest.tenant;

import static dev.todo.rest.tenant.Refusals.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.todo.domain.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens signed with a shared secret: what is accepted, what is refused, and that refusals are safe to show. */
class HmacVerificationTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    /** 64 bytes: long enough for HS512. */
    private static final byte[] SECRET =
            "this-is-the-test-secret-of-sixty-four-bytes-for-hs256-384-and-512".substring(0, 64)
                    .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] OTHER_SECRET =
            "another-secret-of-sixty-four-bytes-which-the-verifier-never-knows".substring(0, 64)
                    .getBytes(StandardCharsets.US_ASCII);

    private final TestClock clock = new TestClock(NOW);
    private final JwtVerifier verifier = JwtVerifier.hmac(SECRET, Optional.empty(), Optional.empty(), clock);

    @ParameterizedTest
    @ValueSource(strings = {"HS256", "HS384", "HS512"})
    void aValidTokenNamesItsSubjectAsTheTenant(String algorithm) throws Exception {
        String token = sign(JWSAlgorithm.parse(algorithm), SECRET, valid().build());

        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));
    }

    @Test
    void aSecretOf32BytesAcceptsOnlyHs256WhichIsAllItIsLongEnoughFor() throws Exception {
        byte[] secret = Arrays.copyOf(SECRET, 32);
        JwtVerifier shortKeyed = JwtVerifier.hmac(secret, Optional.empty(), Optional.empty(), clock);

        assertThat(shortKeyed.tenantOf(sign(JWSAlgorithm.HS256, secret, valid().build())))
                .isEqualTo(TenantId.of("alice"));
        // Signed with the long secret because Nimbus will not sign HS384 or HS512 with a short one; refused on the
        // algorithm before the signature is looked at.
        assertThat(refusal(shortKeyed, sign(JWSAlgorithm.HS384, SECRET, valid().build()), secret))
                .isEqualTo("The token's algorithm is not accepted");
        assertThat(refusal(shortKeyed, sign(JWSAlgorithm.HS512, SECRET, valid().build()), secret))
                .isEqualTo("The token's algorithm is not accepted");
        assertThat(shortKeyed.toString()).contains("[HS256]");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16, 31})
    void aSecretShorterThan32BytesIsRefusedWhenTheVerifierIsBuilt(int length) {
        byte[] secret = Arrays.copyOf("short-secret-that-is-31-bytes!!".getBytes(StandardCharsets.US_ASCII), length);

        assertThatThrownBy(() -> JwtVerifier.hmac(secret, Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The HMAC secret must be at least 32 bytes (256 bits) long, but has " + length + " bytes")
                .satisfies(e -> Refusals.assertContainsNone(e.getMessage(), null, secret));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, OTHER_SECRET, valid().build());

        assertThat(refusal(verifier, token, SECRET, OTHER_SECRET)).isEqualTo("The token signature is invalid");
    }

    @Test
    void aTamperedPayloadIsRefused() throws Exception {
        String[] parts = sign(JWSAlgorithm.HS256, SECRET, valid().build()).split("\\.");
        String forgedPayload = Base64URL.encode(valid().subject("mallory").build().toString()).toString();
        String tampered = parts[0] + "." + forgedPayload + "." + parts[2];

        assertThat(refusal(verifier, tampered, SECRET)).isEqualTo("The token signature is invalid");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(at(-3600)).build());

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token has expired");
    }

    @Test
    void aTokenExpiredLessThanTheClockSkewAgoIsAccepted() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(at(-59)).build());

        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));
    }

    @Test
    void aTokenExpiredExactlyTheClockSkewAgoIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(at(-60)).build());

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token has expired");
    }

    @Test
    void aTokenStopsBeingAcceptedOnceItsExpiryAndTheSkewHavePassed() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(at(300)).build());
        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));

        clock.advance(Duration.ofSeconds(300 + 59));
        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));

        clock.advance(Duration.ofSeconds(1));
        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token has expired");
    }

    /** Issue 14: a stolen token works until its exp, so the lifetime is bounded: 24 hours unless configured. */
    @Test
    void aTokenLivingLongerThanTheMaximumLifetimeIsRefused() throws Exception {
        long day = Duration.ofHours(24).toSeconds();
        assertThat(verifier.tenantOf(sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(at(day)).build())))
                .isEqualTo(TenantId.of("alice"));
        assertThat(refusal(verifier, sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(at(day + 1)).build()),
                SECRET)).isEqualTo("The token's lifetime is longer than this service accepts");
        // Issued long ago, expiring soon: still a lifetime of more than a day.
        assertThat(refusal(verifier, sign(JWSAlgorithm.HS256, SECRET, valid().issueTime(at(-2 * day))
                .expirationTime(at(300)).build()), SECRET))
                .isEqualTo("The token's lifetime is longer than this service accepts");
    }

    @Test
    void theMaximumLifetimeIsConfigurable() throws Exception {
        JwtVerifier hourly = JwtVerifier.hmac(SECRET, Optional.empty(), Optional.empty(), Duration.ofHours(1), clock);
        assertThat(hourly.tenantOf(sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(at(3600)).build())))
                .isEqualTo(TenantId.of("alice"));
        assertThat(refusal(hourly, sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(at(3601)).build()),
                SECRET)).isEqualTo("The token's lifetime is longer than this service accepts");
        JwtVerifier weekly = JwtVerifier.hmac(SECRET, Optional.empty(), Optional.empty(), Duration.ofDays(7), clock);
        assertThat(weekly.tenantOf(sign(JWSAlgorithm.HS256, SECRET,
                valid().expirationTime(at(Duration.ofDays(7).toSeconds())).build()))).isEqualTo(TenantId.of("alice"));
        assertThat(weekly.toString()).contains("lifetime at most PT168H");
        assertThatThrownBy(() -> JwtVerifier.hmac(SECRET, Optional.empty(), Optional.empty(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTokenIssuedInTheFutureBeyondTheClockSkewIsRefused() throws Exception {
        assertThat(verifier.tenantOf(sign(JWSAlgorithm.HS256, SECRET, valid().issueTime(at(59)).build())))
                .isEqualTo(TenantId.of("alice"));
        assertThat(refusal(verifier, sign(JWSAlgorithm.HS256, SECRET, valid().issueTime(at(61)).build()), SECRET))
                .isEqualTo("The token was issued in the future");
    }

    /** Without iat the lifetime is unknown: what is left of it, exp - now, may not exceed the maximum. */
    @Test
    void aTokenWithoutIssueTimeIsAcceptedOnlyIfItExpiresWithinTheMaximumLifetime() throws Exception {
        long day = Duration.ofHours(24).toSeconds();
        assertThat(verifier.tenantOf(sign(JWSAlgorithm.HS256, SECRET, valid().issueTime(null)
                .expirationTime(at(day)).build()))).isEqualTo(TenantId.of("alice"));
        assertThat(refusal(verifier, sign(JWSAlgorithm.HS256, SECRET, valid().issueTime(null)
                .expirationTime(at(day + 61)).build()), SECRET))
                .isEqualTo("The token's lifetime is longer than this service accepts");
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().expirationTime(null).build());

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token has no expiry time");
    }

    @Test
    void aTokenWhoseExpiryIsNotANumberIsMalformed() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, Map.of("sub", "alice", "exp", "tomorrow"));

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token is malformed");
    }

    @Test
    void aTokenNotValidBeforeAMomentBeyondTheSkewIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().notBeforeTime(at(61)).build());

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token is not valid yet");
    }

    @Test
    void aTokenNotValidBeforeAMomentWithinTheSkewIsAccepted() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().notBeforeTime(at(60)).build());

        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));
    }

    @Test
    void theIssuerIsEnforcedExactlyWhenGiven() throws Exception {
        JwtVerifier withIssuer =
                JwtVerifier.hmac(SECRET, Optional.of("https://issuer.example"), Optional.empty(), clock);

        assertThat(withIssuer.tenantOf(sign(JWSAlgorithm.HS256, SECRET, valid().issuer("https://issuer.example")
                .build()))).isEqualTo(TenantId.of("alice"));
        for (String other : new String[] {"https://other.example", "https://issuer.example/",
                "HTTPS://ISSUER.EXAMPLE"}) {
            assertThat(refusal(withIssuer, sign(JWSAlgorithm.HS256, SECRET, valid().issuer(other).build()), SECRET))
                    .as(other).isEqualTo("The token was issued by another issuer");
        }
        assertThat(refusal(withIssuer, sign(JWSAlgorithm.HS256, SECRET, valid().build()), SECRET))
                .as("no iss").isEqualTo("The token was issued by another issuer");
    }

    @Test
    void theIssuerIsIgnoredWhenNotGiven() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().issuer("https://anyone.example").build());

        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));
    }

    @Test
    void theAudienceMustBeAmongTheTokensAudiencesWhenGiven() throws Exception {
        JwtVerifier withAudience = JwtVerifier.hmac(SECRET, Optional.empty(), Optional.of("todo-api"), clock);

        assertThat(withAudience.tenantOf(sign(JWSAlgorithm.HS256, SECRET, valid().audience("todo-api").build())))
                .isEqualTo(TenantId.of("alice"));
        assertThat(withAudience.tenantOf(sign(JWSAlgorithm.HS256, SECRET,
                valid().audience(List.of("billing-api", "todo-api")).build()))).isEqualTo(TenantId.of("alice"));
        assertThat(refusal(withAudience, sign(JWSAlgorithm.HS256, SECRET, valid().audience("billing-api").build()),
                SECRET)).isEqualTo("The token is for another audience");
        assertThat(refusal(withAudience, sign(JWSAlgorithm.HS256, SECRET, valid().audience("TODO-API").build()),
                SECRET)).isEqualTo("The token is for another audience");
        assertThat(refusal(withAudience, sign(JWSAlgorithm.HS256, SECRET, valid().build()), SECRET))
                .as("no aud").isEqualTo("The token is for another audience");
    }

    @Test
    void theAudienceIsIgnoredWhenNotGiven() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().audience("billing-api").build());

        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));
    }

    @Test
    void aBlankIssuerOrAudienceIsAConfigurationError() {
        assertThatThrownBy(() -> JwtVerifier.hmac(SECRET, Optional.of(" "), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("issuer");
        assertThatThrownBy(() -> JwtVerifier.hmac(SECRET, Optional.empty(), Optional.of("")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("audience");
    }

    @Test
    void anUnsecuredTokenIsRefused() throws Exception {
        String unsecured = new PlainJWT(valid().build()).serialize();

        assertThat(refusal(verifier, unsecured, SECRET)).isEqualTo("The token's algorithm is not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NONE", "None", "nOnE"})
    void noneInAnyCaseIsRefused(String none) throws Exception {
        String signed = sign(JWSAlgorithm.HS256, SECRET, valid().build());
        String header = Base64URL.encode("{\"alg\":\"" + none + "\"}").toString();
        String token = header + signed.substring(signed.indexOf('.'));

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token's algorithm is not accepted");
    }

    @Test
    void anUnsecuredHeaderWithASignatureIsRefused() throws Exception {
        String signed = sign(JWSAlgorithm.HS256, SECRET, valid().build());
        String token = Base64URL.encode("{\"alg\":\"none\"}") + signed.substring(signed.indexOf('.'));

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token is malformed");
    }

    @Test
    void anRs256TokenIsRefusedByTheHmacVerifier() throws Exception {
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), valid().build());
        jwt.sign(new RSASSASigner(rsa));

        assertThat(refusal(verifier, jwt.serialize(), SECRET)).isEqualTo("The token's algorithm is not accepted");
    }

    @Test
    void anEncryptedTokenIsRefused() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
                valid().build());
        jwe.encrypt(new DirectEncrypter(Arrays.copyOf(SECRET, 32)));

        assertThat(refusal(verifier, jwe.serialize(), SECRET)).isEqualTo("The token's algorithm is not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a.b", "a.b.c", "..", "garbage", "Bearer x", "eyJhbGciOiJIUzI1NiJ9",
            "eyJhbGciOiJIUzI1NiJ9.e30", "eyJhbGciOiJIUzI1NiJ9.e30.",
            "eyJ0eXAiOiJKV1QifQ.e30.AAAA", "W10.e30.AAAA"})
    void aMalformedTokenIsRefused(String token) throws Exception {
        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token is malformed");
    }

    @Test
    void aNullTokenIsMalformed() throws Exception {
        assertThat(refusal(verifier, null, SECRET)).isEqualTo("The token is malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"alice\"", "not json", "{\"sub\":\"alice\""})
    void aSignedPayloadThatIsNotAJsonObjectIsMalformed(String payload) throws Exception {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(payload));
        jws.sign(new MACSigner(SECRET));

        assertThat(refusal(verifier, jws.serialize(), SECRET)).isEqualTo("The token is malformed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "alice smith", "alice\n", "ålice", "alice/bob"})
    void aSubjectThatIsNotATenantIdIsRefused(String subject) throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().subject(subject).build());

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token's subject is not a valid tenant id");
    }

    @Test
    void aSubjectLongerThan128CharactersIsRefusedAnd128AreAccepted() throws Exception {
        String longest = "a".repeat(TenantId.MAX_LENGTH);

        assertThat(verifier.tenantOf(sign(JWSAlgorithm.HS256, SECRET, valid().subject(longest).build())))
                .isEqualTo(TenantId.of(longest));
        assertThat(refusal(verifier, sign(JWSAlgorithm.HS256, SECRET, valid().subject(longest + "a").build()),
                SECRET)).isEqualTo("The token's subject is not a valid tenant id");
    }

    @Test
    void aMissingSubjectIsRefused() throws Exception {
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().subject(null).build());

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token's subject is not a valid tenant id");
    }

    @Test
    void aNumericSubjectIsRefusedThoughItsDigitsWouldMakeATenantId() throws Exception {
        // Nimbus would read it as the string "12345"; a large number could print like another one.
        String token = sign(JWSAlgorithm.HS256, SECRET, Map.of("sub", 12345, "exp", NOW.getEpochSecond() + 300));

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token's subject is not a valid tenant id");
    }

    @Test
    void identityProviderSubjectsAreTenantIds() throws Exception {
        for (String subject : new String[] {"auth0|5f7c8ec7c33c6c004bbafe82", "user@example.com",
                "1b4e28ba-2fa1-11d2-883f-0016d3cca427", "google-oauth2:1234.5_6"}) {
            assertThat(verifier.tenantOf(sign(JWSAlgorithm.HS256, SECRET, valid().subject(subject).build())))
                    .isEqualTo(TenantId.of(subject));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "at+jwt", "application/at+jwt", "application/jwt"})
    void accessTokenTypesAreAccepted(String type) throws Exception {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(type)).build(),
                valid().build());

        assertThat(verifier.tenantOf(token)).isEqualTo(TenantId.of("alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"logout+jwt", "secevent+jwt", "JOSE", "application/jose"})
    void otherTokenTypesAreRefused(String type) throws Exception {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType(type)).build(),
                valid().build());

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token's type is not accepted");
    }

    @Test
    void anUnknownCriticalHeaderIsRefused() throws Exception {
        String token = sign(new JWSHeader.Builder(JWSAlgorithm.HS256).criticalParams(Set.of("exp-x"))
                .customParam("exp-x", 1).build(), valid().build());

        assertThat(refusal(verifier, token, SECRET)).isEqualTo("The token signature is invalid");
    }

    @Test
    void theVerifierDoesNotShowItsSecret() {
        assertThat(verifier.toString()).startsWith("JwtVerifier[HMAC secret of 64 bytes");
        Refusals.assertContainsNone(verifier.toString(), null, SECRET);
    }

    @Test
    void theCallersSecretArrayIsCopied() throws Exception {
        byte[] secret = SECRET.clone();
        JwtVerifier copied = JwtVerifier.hmac(secret, Optional.empty(), Optional.empty(), clock);
        String token = sign(JWSAlgorithm.HS256, SECRET, valid().build());
        Arrays.fill(secret, (byte) 0);

        assertThat(copied.tenantOf(token)).isEqualTo(TenantId.of("alice"));
    }

    /** Claims that pass every check: sub alice, issued now, expiring in five minutes. */
    private static JWTClaimsSet.Builder valid() {
        return new JWTClaimsSet.Builder().subject("alice").issueTime(at(0)).expirationTime(at(300));
    }

    private static Date at(long secondsFromNow) {
        return Date.from(NOW.plusSeconds(secondsFromNow));
    }

    private static String sign(JWSAlgorithm algorithm, byte[] secret, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        jwt.sign(new MACSigner(secret));
        return jwt.serialize();
    }

    private static String sign(JWSHeader header, JWTClaimsSet claims) throws JOSEException {
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new MACSigner(SECRET));
        return jwt.serialize();
    }

    /** Signs claims as given, for values the claims builder would not let through. */
    private static String sign(JWSAlgorithm algorithm, byte[] secret, Map<String, Object> claims)
            throws JOSEException {
        JWSObject jws = new JWSObject(new JWSHeader(algorithm),
                new Payload(claims));
        jws.sign(new MACSigner(secret));
        return jws.serialize();
    }
}
