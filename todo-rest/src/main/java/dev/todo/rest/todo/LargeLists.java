package dev.todo.rest.todo;

import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.ProblemException;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds how many unpaged lists are built at once (ADR 0028): a list waits up to {@code todo.list.wait} for its turn,
 * then 503 {@code LIST_BUSY} with {@code Retry-After}. Paged lists take no turn.
 */
@Singleton
public final class LargeLists {

    /** Seconds a client should wait before asking again. */
    static final String RETRY_AFTER_SECONDS = "1";

    private final Semaphore turns;
    private final Duration wait;

    LargeLists(@Value("${todo.list.max-concurrent:8}") int concurrent, @Value("${todo.list.wait:2s}") Duration wait) {
        if (concurrent < 1) {
            throw new IllegalArgumentException("todo.list.max-concurrent must be at least 1, not " + concurrent);
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("todo.list.wait must not be negative");
        }
        this.turns = new Semaphore(concurrent, true);
        this.wait = wait;
    }

    /** A turn to build a list; closing it (once or more) lets the next one in. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a turn, waiting up to the configured time.
     *
     * @throws ProblemException 503 {@code LIST_BUSY} if no turn came in time
     */
    public Turn take() {
        boolean taken;
        try {
            taken = wait.isZero() ? turns.tryAcquire() : turns.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken = false;
        }
        if (!taken) {
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.LIST_BUSY,
                    "The service is building as many full lists as it builds at once. Retry shortly, or read the "
                            + "list page by page with limit.",
                    List.of(), Map.of(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS));
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.compareAndSet(true, false)) {
                turns.release();
            }
        };
    }

    /** {@return how many turns are free now} */
    int available() {
        return turns.availablePermits();
    }
}
