package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 4: the built jar stopped while it starts leaves no PostgreSQL behind, and a PostgreSQL that a
 * killed todo did leave behind does not stop the next start. Each test runs the jar as a process on an embedded
 * database of its own, and stops it as soon as its log says the database is up (before the schema and the port).
 */
class StartupStopIT {

    @TempDir
    Path dir;

    /** Whatever a failed test left running on its data directory is stopped (SIGTERM), not left to the machine. */
    @AfterEach
    void stopLeftovers() {
        postgres(dir.resolve("data")).forEach(ProcessHandle::destroy);
    }

    @Test
    void sigtermWhileStartingStopsTheEmbeddedPostgresAndTheNextStartServes() throws Exception {
        Path data = dir.resolve("data");
        Process first = start(data);
        awaitLog(first, "Embedded PostgreSQL on port");
        first.destroy();  // SIGTERM
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped; see %s", log()).isTrue();
        assertThat(awaitNoPostgres(data)).as("PostgreSQL processes on %s after the SIGTERM; see %s", data, log())
                .isEmpty();

        assertServesAndStops(data);
    }

    @Test
    void aPostgresLeftBehindByAKilledTodoIsStoppedByTheNextStart() throws Exception {
        Path data = dir.resolve("data");
        Process first = start(data);
        awaitLog(first, "Embedded PostgreSQL on port");
        first.destroyForcibly();  // SIGKILL: no shutdown hook runs, the server is left behind
        first.waitFor(60, TimeUnit.SECONDS);
        List<ProcessHandle> leftBehind = postgres(data);
        assertThat(leftBehind).as("the server a killed todo leaves behind").isNotEmpty();

        assertServesAndStops(data);
        assertThat(leftBehind).noneMatch(ProcessHandle::isAlive);
        assertThat(log()).contains("left running on " + data + " by an earlier todo that did not stop it");
    }

    private void assertServesAndStops(Path data) throws Exception {
        int port = TestApp.freePort();
        Process next = start(data, port);
        try {
            awaitHealthy(next, port);
        } finally {
            next.destroy();
            assertThat(next.waitFor(60, TimeUnit.SECONDS)).as("stopped; see %s", log()).isTrue();
        }
        assertThat(next.exitValue()).as("exit status; see %s", log()).isZero();
        assertThat(awaitNoPostgres(data)).as("PostgreSQL processes on %s after a stop", data).isEmpty();
    }

    private Process start(Path data) throws Exception {
        return start(data, TestApp.freePort());
    }

    private Process start(Path data, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(TestApp.javaJar()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
        builder.environment().remove("TODO_DATABASE_URL");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("TODO_DATA_DIR", data.toString());
        builder.environment().remove("TODO_LOG_FORMAT");
        return builder.start();
    }

    private void awaitLog(Process process, String line) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (!log().contains(line)) {
            assertThat(process.isAlive()).as("the service exited; see %s", log()).isTrue();
            assertThat(Instant.now()).as("'%s' in the log; see %s", line, log()).isBefore(deadline);
            Thread.sleep(20);
        }
    }

    private void awaitHealthy(Process process, int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plusSeconds(120);
        while (true) {
            assertThat(process.isAlive()).as("the service exited; see %s", log()).isTrue();
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            assertThat(Instant.now()).as("healthy; see %s", log()).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    /** The PostgreSQL processes on the data directory, after giving those stopping up to 20 s to be gone. */
    private static List<ProcessHandle> awaitNoPostgres(Path data) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        List<ProcessHandle> left = postgres(data);
        while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            left = postgres(data);
        }
        return left;
    }

    /** @return the live PostgreSQL processes whose command line names the data directory */
    private static List<ProcessHandle> postgres(Path data) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> Arrays.asList(a).contains(data.toString())).orElse(false))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    private String log() {
        Path log = dir.resolve("service.log");
        try {
            return Files.exists(log) ? Files.readString(log) : "(no log)";
        } catch (IOException e) {
            return "(unreadable log: " + e.getMessage() + ")";
        }
    }
}
