package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.persistence.TestPostgres;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 5 of docs/reliability.md: the built jar, run as a process of its own, gets a real SIGTERM while clients keep
 * writing and while some requests are held up in the database. It stops accepting connections at once, finishes
 * every request it had accepted (the held-up ones answer 201 once the database lets them go), closes its pool and
 * exits with 0. Every write answered 201 is in the database; a request that got no answer was never carried out
 * (it was refused, or its connection closed before the request was read), so none was cut off midway.
 */
class GracefulShutdownIT {

    private static final Duration GRACE = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void sigtermUnderLoadFinishesTheRequestsInFlightLosesNoWriteAndExitsWithZero() throws Exception {
        TestPostgres.Database database = TestPostgres.createDatabase();
        int port = TestApp.freePort();
        Process service = start(database, port);
        try {
            Api api = new Api(URI.create("http://localhost:" + port));
            awaitHealthy(api, service);
            String held = TestApp.newTenant();
            api.create(held, "{\"title\": \"the first\"}");
            Writers writers = new Writers(api, 6, Duration.ofMillis(5)).start();
            writers.warmUp();

            List<CompletableFuture<Api.Response>> inFlight = new ArrayList<>();
            Instant sigterm;
            Duration refusedAfter;
            try (Connection admin = database.admin().connect()) {
                // Hold the tenant's row, so that its creates wait in the database: requests certainly in flight.
                admin.setAutoCommit(false);
                try (PreparedStatement s = admin.prepareStatement(
                        "SELECT 1 FROM tenant_state WHERE user_id = ? FOR UPDATE")) {
                    s.setString(1, held);
                    s.executeQuery().close();
                }
                for (int i = 0; i < 3; i++) {
                    String title = "in flight " + i;
                    inFlight.add(CompletableFuture.supplyAsync(() -> api.post("/api/v1/todos").tenant(held)
                            .json("{\"title\": \"" + title + "\"}").send()));
                }
                awaitLockWaiters(database, 3);

                service.destroy();  // SIGTERM
                sigterm = Instant.now();
                refusedAfter = awaitRefused(port);
                assertThat(inFlight).as("still held up in the database when the port closed")
                        .noneMatch(CompletableFuture::isDone);
                admin.commit();
            }
            for (CompletableFuture<Api.Response> request : inFlight) {
                Api.Response response = request.get(30, TimeUnit.SECONDS);
                assertThat(response.status()).as("accepted before SIGTERM, so finished: %s", response.body())
                        .isEqualTo(201);
            }
            assertThat(service.waitFor(GRACE.toSeconds() + 20, TimeUnit.SECONDS)).as("stopped; see %s", log())
                    .isTrue();
            Duration stopped = Duration.between(sigterm, Instant.now());
            List<Writers.Outcome> outcomes = writers.stop();

            assertThat(service.exitValue()).as("exit status; see %s", log()).isZero();
            assertThat(stopped).as("within the grace period").isLessThan(GRACE);
            assertThat(log()).contains("SIGTERM received: stopping", "Requests in flight finished",
                    "Shutdown completed", "todo stopped");

            assertThat(outcomes).as("answered 201, or not answered at all; never an error")
                    .allSatisfy(o -> assertThat(o.status()).as(o.toString()).isIn(201, -1));
            Set<String> stored = titles(database, writers.tenants());
            assertThat(stored).as("every acknowledged write is in the database").containsAll(
                    outcomes.stream().filter(Writers.Outcome::acknowledged).map(Writers.Outcome::title).toList());
            assertThat(outcomes).filteredOn(o -> o.status() == -1)
                    .as("a request that got no answer was never carried out: none was cut off midway")
                    .allSatisfy(o -> assertThat(stored).doesNotContain(o.title()));
            assertThat(titles(database, List.of(held))).contains("in flight 0", "in flight 1", "in flight 2");
            System.out.printf("shutdown: port refused %d ms after SIGTERM, exited %d ms after it; %d writes "
                    + "acknowledged, %d not answered (%s)%n", refusedAfter.toMillis(), stopped.toMillis(),
                    outcomes.stream().filter(Writers.Outcome::acknowledged).count(),
                    outcomes.stream().filter(o -> o.status() == -1).count(),
                    outcomes.stream().filter(o -> o.status() == -1).map(Writers.Outcome::failure).distinct().toList());
            String log = log();
            System.out.println(log.substring(log.indexOf("SIGTERM received")));
        } finally {
            if (service.isAlive()) {
                service.destroyForcibly();
            }
        }
    }

    private Process start(TestPostgres.Database database, int port) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(TestApp.javaJar())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
        builder.environment().put("TODO_DATABASE_URL", database.jdbcUrl().replace("jdbc:postgresql://",
                "postgresql://" + database.username() + ":" + database.password() + "@"));
        builder.environment().put("TODO_AUTH_MODE", "header");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("TODO_SHUTDOWN_GRACE", GRACE.toSeconds() + "s");
        // The test holds requests in the database on purpose: PostgreSQL must not cancel them first.
        builder.environment().put("TODO_DATABASE_STATEMENT_TIMEOUT", "10s");
        builder.environment().put("TODO_DATA_DIR", dir.resolve("data").toString());
        return builder.start();
    }

    private void awaitHealthy(Api api, Process service) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            assertThat(service.isAlive()).as("the service exited; see %s", log()).isTrue();
            try {
                if (api.get("/health").send().status() == 200) {
                    return;
                }
            } catch (java.io.UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not healthy within 90 s; see " + log());
    }

    /** Waits until the port refuses new connections; returns how long that took. */
    private static Duration awaitRefused(int port) throws InterruptedException {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1_000);
            } catch (ConnectException refused) {
                return Duration.between(start, Instant.now());
            } catch (IOException other) {
                // a timeout or a reset: try again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the port still accepts connections 5 s after SIGTERM");
    }

    private static void awaitLockWaiters(TestPostgres.Database database, int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            try (Connection c = database.admin().connect(); PreparedStatement s = c.prepareStatement(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                            + "AND wait_event_type = 'Lock'"); ResultSet rs = s.executeQuery()) {
                rs.next();
                if (rs.getInt(1) >= count) {
                    return;
                }
            }
            assertThat(Instant.now()).as("%d requests wait for the held row", count).isBefore(deadline);
            Thread.sleep(10);
        }
    }

    private static Set<String> titles(TestPostgres.Database database, List<String> tenants) throws SQLException {
        return Writers.stored(database, "title", tenants);
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
