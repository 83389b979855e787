package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.persistence.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the database fails, clients get problem responses they can act on, never a stack trace or SQL. */
class DatabaseFailureTest {

    @TempDir
    Path dataDir;

    private static EmbeddedPostgres postgres(Path dataDir, int port) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false);
        if (port > 0) {
            builder.setPort(port);
        }
        return builder.start();
    }

    @Test
    void anUnreachableDatabaseIs503WithRetryAfterAndHealthSaysSo() throws Exception {
        EmbeddedPostgres postgres = postgres(dataDir, 0);
        int port = postgres.getPort();
        TestPostgres.Database database = new TestPostgres.Database(postgres.getJdbcUrl("postgres", "postgres"),
                "postgres", "", "postgres", "");
        String tenant = TestApp.newTenant();
        try (TodoApplication app = TestApp.start(database, Map.of())) {
            Api api = new Api(app.uri());
            JsonNode before = api.create(tenant, "{\"title\": \"written before the outage\"}");

            postgres.close();
            for (Api.Call call : new Api.Call[] {
                api.get("/api/v1/todos").tenant(tenant),
                api.get("/api/v1/todos/" + before.get("id").asText()).tenant(tenant),
                api.post("/api/v1/todos").tenant(tenant).json("{\"title\": \"during\"}"),
                api.patch("/api/v1/todos/" + before.get("id").asText()).tenant(tenant).json("{\"title\": \"x\"}"),
                api.delete("/api/v1/todos/" + before.get("id").asText()).tenant(tenant)}) {
                Instant sent = Instant.now();
                Api.Response response = call.send();
                assertThat(response.status()).as(response.body()).isEqualTo(503);
                assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(5));
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.json().get("error_code").asText()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(response.header("Retry-After")).hasValueSatisfying(v -> assertThat(v).matches("\\d+"));
                assertThat(response.body()).doesNotContain("Exception", "org.postgresql", "Connection to");
            }
            assertThat(api.get("/health").send().status()).isEqualTo(503);

            postgres = postgres(dataDir, port);
            // The pool replaces its broken connections as they are found; the service serves again within 5 s.
            Instant back = Instant.now();
            while (api.get("/health").send().status() != 200) {
                assertThat(Duration.between(back, Instant.now())).as("back within 5 s").isLessThan(Duration.ofSeconds(5));
                Thread.sleep(100);
            }
            assertThat(api.list(tenant).get("items")).containsExactly(before);
        } finally {
            postgres.close();
        }
    }

    @Test
    void aDefectIs500InternalErrorWithNothingInternalInTheBody() throws SQLException {
        TestPostgres.Database database = TestPostgres.createDatabase();
        String tenant = TestApp.newTenant();
        try (TodoApplication app = TestApp.start(database, Map.of())) {
            Api api = new Api(app.uri());
            api.create(tenant, "{\"title\": \"fine so far\"}");
            try (Connection c = database.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER TABLE todo RENAME COLUMN title TO title_lost");
            }
            Api.Response response = api.get("/api/v1/todos").tenant(tenant).send();
            assertThat(response.status()).isEqualTo(500);
            assertThat(response.contentType()).startsWith("application/problem+json");
            JsonNode problem = response.json();
            assertThat(problem.get("error_code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(problem.get("detail").asText()).isEqualTo("An unexpected error occurred.");
            assertThat(response.body()).doesNotContain("title_lost", "SELECT", "column", "Exception", "at ",
                    "org.", "io.", "dev.todo");
        }
    }
}
