package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 14: what /prometheus shows, and to whom. */
class MetricsEndpointTest {

    private static final String TOKEN = "a-metrics-token-of-at-least-32-bytes!";

    @Test
    void noLabelNamesAnExceptionClass() {
        Api api = TestApp.api();
        api.get("/api/v1/todos/" + UUID.randomUUID()).tenant(TestApp.newTenant()).send();
        api.get("/api/v1/todos/not-a-uuid").tenant(TestApp.newTenant()).send();
        api.get("/api/v1/todos").send();
        String scrape = api.get("/prometheus").send().body();
        assertThat(scrape).contains("http_server_requests_seconds_count{");
        assertThat(scrape.lines().filter(line -> !line.startsWith("#")))
                .noneMatch(line -> line.contains("exception=")).noneMatch(line -> line.contains("Exception"));
    }

    @Test
    void withATokenConfiguredTheMetricsAnswerOnlyThatBearerToken() {
        TestPostgres.Database database = TestPostgres.createDatabase();
        Settings settings = new Settings(Optional.of(ExternalDatabase.direct(TestApp.url(database))), null,
                Optional.empty(), Settings.Auth.header(), List.of(), Optional.empty(), TodoLimits.DEFAULTS,
                Settings.DEFAULT_IDEMPOTENCY_TTL, Settings.DEFAULT_SHUTDOWN_GRACE, Optional.empty(),
                Optional.of(TOKEN));
        try (TodoApplication app = TestApp.start(settings, Map.of())) {
            Api api = new Api(app.uri());
            for (Api.Call refused : List.of(api.get("/prometheus"),
                    api.get("/prometheus").header("Authorization", "Bearer wrong"),
                    api.get("/prometheus").header("Authorization", "Bearer " + TOKEN + "x"),
                    api.get("/prometheus").header("Authorization", TOKEN))) {
                Api.Response response = refused.send();
                assertThat(response.status()).isEqualTo(401);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("error_code").asText()).isEqualTo("UNAUTHENTICATED");
                assertThat(response.header("WWW-Authenticate")).contains("Bearer realm=\"metrics\"");
                assertThat(response.body()).doesNotContain("jvm_").doesNotContain(TOKEN);
            }
            Api.Response scrape = api.get("/prometheus").header("Authorization", "Bearer " + TOKEN).send();
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.body()).contains("jvm_");
            // The rest of the service does not want the token.
            assertThat(api.get("/health").send().status()).isEqualTo(200);
            assertThat(api.get("/api/v1/todos").tenant(TestApp.newTenant()).send().status()).isEqualTo(200);
        }
    }
}
