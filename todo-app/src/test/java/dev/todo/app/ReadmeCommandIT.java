package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's commands, as a user runs them: the first, {@code java -jar todo-app/target/todo.jar} with nothing but a
 * port and a data directory set (a todo created, the service stopped and started again, is still there), and the
 * development token command.
 */
class ReadmeCommandIT {

    @TempDir
    Path dataDir;

    @Test
    void theServiceStartsOnTheEmbeddedDatabaseAndKeepsTodosAcrossARestart() throws Exception {
        int port = TestApp.freePort();
        String tenant = TestApp.newTenant();
        Api api = new Api(URI.create("http://localhost:" + port));

        Process first = start(port, Map.of());
        JsonNode created;
        try {
            awaitHealthy(port, first);
            created = api.create(tenant, "{\"title\": \"kept across restarts\"}");
        } finally {
            stop(first);
        }

        String textLog = log();
        assertThat(textLog).contains("todo serves on").doesNotContain("|-INFO", "|-WARN");

        Process second = start(port, Map.of("TODO_LOG_FORMAT", "json"));
        try {
            awaitHealthy(port, second);
            assertThat(api.get("/api/v1/todos/" + created.get("id").asText()).tenant(tenant)
                    .header("X-Request-Id", "readme-json").send().json()).isEqualTo(created);
        } finally {
            stop(second);
        }
        // TODO_LOG_FORMAT=json: from the restart on, every line is one JSON object, the request log's with its id.
        List<JsonNode> lines = new ArrayList<>();
        for (String line : log().substring(textLog.length()).split("\n")) {
            if (!line.isBlank()) {
                lines.add(Api.JSON.readTree(line));
            }
        }
        // The time is ISO-8601 in UTC, and the request log's values are fields of their own (issue 15.8).
        assertThat(lines).isNotEmpty().allSatisfy(line -> {
            assertThat(line.isObject()).isTrue();
            assertThat(line.get("timestamp").asText()).endsWith("Z");
            assertThat(Instant.parse(line.get("timestamp").asText())).isBefore(Instant.now());
        });
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("loggerName").asText()).isEqualTo("todo.requests");
            assertThat(line.get("mdc").get("request_id").asText()).isEqualTo("readme-json");
            assertThat(line.get("formattedMessage").asText()).startsWith("GET /api/v1/todos/{id");
            assertThat(line.get("method").asText()).isEqualTo("GET");
            assertThat(line.get("route").asText()).isEqualTo("/api/v1/todos/{id}");
            assertThat(line.get("status").asInt()).isEqualTo(200);
            assertThat(line.get("duration_ms").isIntegralNumber()).isTrue();
            assertThat(line.get("tenant").asText()).matches("[0-9a-f]{12}");
        });
    }

    /**
     * The README's {@code TOKEN="$(java -jar todo-app/target/todo.jar token --sub alice --ttl 1h)"}: standard output
     * is the token and nothing else (no logging or Logback status line), whatever reaches standard error.
     */
    @Test
    void theTokenCommandPrintsOnlyTheToken() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(TestApp.javaJar("token", "--sub", "alice", "--ttl", "1h"))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("TODO_AUTH_JWT_SECRET", "a-development-secret-of-at-least-32-bytes");
        Process process = builder.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(stdout).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\R");
        JsonNode claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(stdout.split("\\.")[1]));
        assertThat(claims.get("sub").asText()).isEqualTo("alice");
    }

    /**
     * The README's jwt-mode block, pasted into a shell as it stands (only the port and the jar's place changed, and
     * a line that stops whatever it left running): the service it starts in the background is waited for, so the
     * first request is answered 201, the list shows the todo, and a request without a token is 401.
     */
    @Test
    void theReadmeJwtBlockWorksWhenPasted() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf("```sh", readme.indexOf("Try jwt mode locally"));
        String block = readme.substring(readme.indexOf('\n', start) + 1, readme.indexOf("```", start + 5));
        assertThat(block).contains("java -jar todo-app/target/todo.jar &", "localhost:8080");
        int port = TestApp.freePort();
        String jar = Path.of(TestApp.javaJar().get(2)).toAbsolutePath().toString();
        String script = block.replace("localhost:8080", "localhost:" + port).replace("todo-app/target/todo.jar", jar)
                + "\nkill $(jobs -p) 2> /dev/null; wait\n";
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TODO_"));
        env.put("PORT", Integer.toString(port));
        env.put("TODO_DATA_DIR", dataDir.resolve("pgdata").toString());
        env.put("HOME", dataDir.toString());
        // The README asks for a JDK 25 as `java` on the PATH: this test's own.
        Path javaBin = Path.of(TestApp.javaJar().get(0)).getParent();
        env.put("PATH", javaBin + java.io.File.pathSeparator + env.getOrDefault("PATH", "/usr/bin:/bin"));
        Process shell = builder.start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(shell.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("the block's output").contains("HTTP/1.1 201 Created", "\"title\":\"Buy milk\"",
                "HTTP/1.1 401 Unauthorized", "WWW-Authenticate: Bearer");
    }

    private Process start(int port, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(TestApp.javaJar())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling(dataDir.getFileName()
                        + ".log").toFile()));
        builder.environment().remove("TODO_DATABASE_URL");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("TODO_DATA_DIR", dataDir.resolve("pgdata").toString());
        builder.environment().remove("TODO_LOG_FORMAT");
        builder.environment().putAll(environment);
        return builder.start();
    }

    private void awaitHealthy(int port, Process process) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("the service exited; see %s", log()).isTrue();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not healthy within 90 s; see " + log());
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not stop within 60 s of SIGTERM; see " + log());
        }
    }

    private String log() {
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(unreadable log: " + e.getMessage() + ")";
        }
    }
}
