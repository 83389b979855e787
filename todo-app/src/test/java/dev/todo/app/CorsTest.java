package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.persistence.TestPostgres;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Web front ends on the configured origins may call the API from a browser; other origins may not. */
class CorsTest {

    private static final String ALLOWED = "https://app.example.com";
    private static TodoApplication app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApp.start(TestPostgres.createDatabase(), TodoApplication.cors(List.of(ALLOWED)));
        api = new Api(app.uri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Api.Call preflight(String origin) {
        return api.method("OPTIONS", "/api/v1/todos")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers",
                        "authorization,content-type,if-match,if-none-match,idempotency-key,x-user-id,x-request-id");
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnswered() {
        Api.Response response = preflight(ALLOWED).send();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Access-Control-Allow-Origin")).contains(ALLOWED);
        assertThat(response.header("Access-Control-Allow-Methods")).hasValueSatisfying(v -> assertThat(v)
                .contains("POST"));
        assertThat(response.header("Access-Control-Allow-Headers")).hasValueSatisfying(v -> assertThat(v.toLowerCase())
                .contains("authorization", "content-type", "if-match", "if-none-match", "idempotency-key",
                        "x-user-id", "x-request-id"));
        assertThat(response.header("Access-Control-Allow-Credentials")).isEmpty();
    }

    @Test
    void anAllowedOriginCanReadTheLocationOfWhatItCreated() {
        Api.Response response = api.post("/api/v1/todos").header("Origin", ALLOWED).tenant(TestApp.newTenant())
                .json("{\"title\": \"from the web\"}").send();
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Access-Control-Allow-Origin")).contains(ALLOWED);
        assertThat(response.header("Access-Control-Expose-Headers")).hasValueSatisfying(v -> assertThat(v)
                .contains("Location", "ETag", "Link", "Retry-After", "X-Request-Id"));
    }

    @Test
    void anotherOriginIsRefused() {
        Api.Response response = preflight("https://evil.example.net").send();
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
        Api.Response simple = api.get("/api/v1/todos").header("Origin", "https://evil.example.net")
                .tenant(TestApp.newTenant()).send();
        assertThat(simple.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void withoutConfiguredOriginsNoOriginIsAllowed() {
        Api.Response response = TestApp.api().get("/api/v1/todos").header("Origin", ALLOWED)
                .tenant(TestApp.newTenant()).send();
        assertThat(response.header("Access-Control-Allow-Origin")).isEmpty();
    }
}
