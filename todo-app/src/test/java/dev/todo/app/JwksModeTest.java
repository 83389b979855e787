package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.todo.persistence.TestPostgres;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** jwt mode with an identity provider's key set (JWKS), served here by a local HTTP server. */
class JwksModeTest {

    private static RSAKey key;
    private static HttpServer provider;
    private static TodoApplication app;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("key-1").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/.well-known/jwks.json", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        provider.start();
        URI url = URI.create("http://127.0.0.1:" + provider.getAddress().getPort() + "/.well-known/jwks.json");
        app = TestApp.start(TestPostgres.createDatabase(),
                new Settings.Auth.JwksJwt(url, Optional.empty(), Optional.empty()), Map.of());
        api = new Api(app.uri());
    }

    @AfterAll
    static void stop() {
        app.close();
        provider.stop(0);
    }

    private static JWTClaimsSet claims(String subject) {
        return new JWTClaimsSet.Builder().subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(600))).build();
    }

    private static String rs256(String subject) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims(subject));
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void aTokenSignedByTheProvidersKeyIsAccepted() throws JOSEException {
        String tenant = TestApp.newTenant();
        Api.Response response = api.post("/api/v1/todos").header("Authorization", "Bearer " + rs256(tenant))
                .json("{\"title\": \"via JWKS\"}").send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().get("user_id").asText()).isEqualTo(tenant);
    }

    @Test
    void anHmacTokenKeyedWithThePublicKeyIsRefused() throws JOSEException {
        // Algorithm confusion: "sign" HS256 with the bytes of the public key everyone can download.
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                claims(TestApp.newTenant()));
        forged.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getEncoded()));
        Api.Response response = api.get("/api/v1/todos").header("Authorization", "Bearer " + forged.serialize()).send();
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .contains("error=\"invalid_token\""));
    }

    @Test
    void anUnreachableKeySetIs503NotTheClientsFault() throws Exception {
        int closed = TestApp.freePort();
        try (TodoApplication offline = TestApp.start(TestPostgres.createDatabase(),
                new Settings.Auth.JwksJwt(URI.create("http://127.0.0.1:" + closed + "/jwks.json"), Optional.empty(),
                        Optional.empty()), Map.of())) {
            Api.Response response = new Api(offline.uri()).get("/api/v1/todos")
                    .header("Authorization", "Bearer " + rs256(TestApp.newTenant())).send();
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.json().get("error_code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(response.header("Retry-After")).isPresent();
        }
    }
}
