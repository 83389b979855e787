package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, DNS rebinding: a request whose Host is not one of the service's names is 400 HOST_NOT_ALLOWED. Sent by
 * the JDK's HTTP client with the Host header set (the build allows it: jdk.httpclient.allowRestrictedHeaders).
 */
class AllowedHostsTest {

    @TempDir
    Path home;

    @BeforeAll
    static void theClientMaySetHost() {
        assertThat(System.getProperty("jdk.httpclient.allowRestrictedHeaders")).contains("host");
    }

    private static void assertRefused(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("error_code").asText()).isEqualTo("HOST_NOT_ALLOWED");
        assertThat(response.json().get("request_id").asText()).isEqualTo(response.header("X-Request-Id")
                .orElseThrow());
    }

    @Test
    void onTheEmbeddedDatabaseOnlyThisMachinesNamesAreAnsweredButHealthAnswersAny() {
        try (TodoApplication app = TodoApplication.start(new Settings(Optional.empty(), home.resolve("pgdata"),
                Optional.empty(), Settings.Auth.header(), List.of()), Map.of("micronaut.server.port", -1))) {
            Api api = new Api(app.uri());
            int port = app.uri().getPort();
            String tenant = TestApp.newTenant();
            for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "LOCALHOST",
                    "localhost.:" + port)) {
                assertThat(api.get("/api/v1/todos").tenant(tenant).header("Host", host).send().status()).as(host)
                        .isEqualTo(200);
            }
            for (String host : List.of("attacker.example:" + port, "attacker.example", "localhost.attacker.example",
                    "127.0.0.2:" + port, "192.168.1.10:" + port)) {
                assertRefused(api.get("/api/v1/todos").tenant(tenant).header("Host", host).send());
                assertRefused(api.post("/api/v1/todos").tenant(tenant).header("Host", host)
                        .json("{\"title\": \"rebound\"}").send());
            }
            assertThat(api.get("/api/v1/todos").tenant(tenant).send().json().get("count").asInt()).isZero();
            // A Kubernetes probe names the pod's address.
            assertThat(api.get("/health").header("Host", "10.1.2.3:" + port).send().status()).isEqualTo(200);
        }
    }

    @Test
    void theAllowListIsConfigurable() {
        TestPostgres.Database database = TestPostgres.createDatabase();
        Settings settings = new Settings(Optional.of(ExternalDatabase.direct(TestApp.url(database))), null,
                Optional.empty(), Settings.Auth.header(), List.of(), Optional.empty(), TodoLimits.DEFAULTS,
                Settings.DEFAULT_IDEMPOTENCY_TTL, Settings.DEFAULT_SHUTDOWN_GRACE,
                Optional.of(List.of("todo.example.com", "*.example.org")), Optional.empty());
        try (TodoApplication app = TestApp.start(settings, Map.of())) {
            Api api = new Api(app.uri());
            String tenant = TestApp.newTenant();
            for (String host : List.of("todo.example.com", "todo.example.com:443", "eu.example.org")) {
                assertThat(api.get("/api/v1/todos").tenant(tenant).header("Host", host).send().status()).as(host)
                        .isEqualTo(200);
            }
            for (String host : List.of("example.org", "localhost", "todo.example.com.attacker.example")) {
                assertRefused(api.get("/api/v1/todos").tenant(tenant).header("Host", host).send());
            }
        }
    }

    @Test
    void onAnotherDatabaseAnyHostIsAnsweredUnlessConfigured() {
        Api api = TestApp.api();
        assertThat(api.get("/api/v1/todos").tenant(TestApp.newTenant()).header("Host", "todo.example.com").send()
                .status()).isEqualTo(200);
    }
}
