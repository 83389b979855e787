package dev.todo.app;

import dev.todo.persistence.TestPostgres;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Load for the fault tests: client threads that keep creating todos through the real HTTP API, each thread for a
 * tenant of its own and each todo with a title of its own, and record every answer, so that a test can check
 * afterwards that every acknowledged write is in the database and that nothing was answered otherwise than allowed.
 */
final class Writers {

    /**
     * One request and what came of it.
     *
     * @param tenant     the tenant it wrote for
     * @param title      the todo's title, unique in the run
     * @param status     the HTTP status, or -1 when no response came (the exception is in {@code failure})
     * @param id         the new todo's id when it was created (201), else null
     * @param retryAfter whether the response had a Retry-After header
     * @param errorCode  the problem's error_code, if the response was a problem
     * @param sent       when the request was sent
     * @param took       from sending the request to its answer (or failure)
     * @param failure    the exception when no response came, else null
     */
    record Outcome(String tenant, String title, int status, String id, boolean retryAfter, String errorCode,
                   Instant sent, Duration took, String failure) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    private final Api api;
    private final List<String> tenants = new ArrayList<>();
    private final Duration pause;
    private final ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    /**
     * @param api     the service
     * @param threads how many clients write at once
     * @param pause   how long each client waits between its requests
     */
    Writers(Api api, int threads, Duration pause) {
        this.api = api;
        this.pause = pause;
        for (int i = 0; i < threads; i++) {
            tenants.add(TestApp.newTenant());
        }
    }

    /** @return the tenants written for, one per client */
    List<String> tenants() {
        return List.copyOf(tenants);
    }

    Writers start() {
        running = true;
        for (int i = 0; i < tenants.size(); i++) {
            String tenant = tenants.get(i);
            Thread thread = new Thread(() -> write(tenant), "writer-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void write(String tenant) {
        int n = 0;
        while (running) {
            String title = tenant + " #" + n++;
            Instant sentAt = Instant.now();
            long sent = System.nanoTime();
            try {
                Api.Response response = api.post("/api/v1/todos").tenant(tenant)
                        .json("{\"title\": \"" + title + "\"}").send();
                Duration took = Duration.ofNanos(System.nanoTime() - sent);
                String id = response.status() == 201 ? response.json().get("id").asText() : null;
                String code = response.contentType().startsWith("application/problem+json")
                        ? response.json().path("error_code").asText(null) : null;
                outcomes.add(new Outcome(tenant, title, response.status(), id,
                        response.header("Retry-After").isPresent(), code, sentAt, took, null));
                if (response.status() == 201) {
                    acknowledged.incrementAndGet();
                }
            } catch (UncheckedIOException e) {
                outcomes.add(new Outcome(tenant, title, -1, null, false, null, sentAt,
                        Duration.ofNanos(System.nanoTime() - sent), e.getCause().toString()));
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits until at least {@code count} more writes than now have been acknowledged. */
    void awaitMoreAcknowledged(int count, Duration timeout) throws InterruptedException {
        int target = acknowledged.get() + count;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("fewer than " + count + " writes acknowledged within " + timeout + ": "
                        + summary());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until the clients are past their first, slow requests (a new connection, a cold service) and have
     * finished the requests they had in flight then; returns the moment from which their answers are timed fairly.
     */
    Instant warmUp() throws InterruptedException {
        awaitMoreAcknowledged(4 * tenants.size(), Duration.ofSeconds(60));
        Instant warm = Instant.now();
        Thread.sleep(300);
        return warm;
    }

    /** Stops every client, waits for its request in flight, and returns every outcome. */
    List<Outcome> stop() throws InterruptedException {
        running = false;
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        return List.copyOf(outcomes);
    }

    /** @return how many requests got each status, for assertion messages */
    String summary() {
        java.util.Map<Integer, Integer> byStatus = new java.util.TreeMap<>();
        outcomes.forEach(o -> byStatus.merge(o.status(), 1, Integer::sum));
        return "outcomes by status " + byStatus;
    }

    /**
     * One column of the given tenants' todos, read as the superuser (past row-level security).
     *
     * @param column a column or expression of table todo, written by the test, such as {@code id::text}
     */
    static Set<String> stored(TestPostgres.Database database, String column, List<String> tenants)
            throws SQLException {
        Set<String> values = new HashSet<>();
        try (Connection c = database.admin().connect();
             PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM todo WHERE user_id = ANY (?)")) {
            s.setArray(1, c.createArrayOf("varchar", tenants.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }
}
