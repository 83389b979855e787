package dev.todo.persistence;

import dev.todo.domain.model.StorageBusyException;
import dev.todo.domain.model.StorageUnavailableException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Who may ask the pool for a connection, in the order they came: one turn per pooled connection, handed out first come
 * first served. Without it, thousands of waiting requests (one virtual thread each) would all wait inside the pool,
 * which serves waiters in no particular order: some waited past the pool's connection timeout while the database
 * answered every query, and were told it could not be reached. With it, at most as many units of work as there are
 * connections ask the pool at once, so the pool's timeout trips only when the database really does not give
 * connections, and the others wait here in line; one that waits longer than the admission timeout is told the
 * service is busy ({@link StorageBusyException}), or, if the database's last answer was a connection failure, that
 * it is unavailable.
 */
final class Admission {

    private final Semaphore turns;
    private final long timeoutNanos;
    private volatile boolean databaseFailing;

    /** {@code connections} turns (the pool's size), each waited for at most {@code timeout}. */
    Admission(int connections, Duration timeout) {
        if (connections < 1) {
            throw new IllegalArgumentException("the pool needs at least one connection: " + connections);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("todo.database.admission-timeout must be positive: " + timeout);
        }
        this.turns = new Semaphore(connections, true);
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * Waits for a turn; every call that returns must be followed by {@link #leave}.
     *
     * @throws StorageBusyException when no turn came within the timeout
     * @throws StorageUnavailableException when none came and the database's last answer was a connection failure, or
     *     the thread was interrupted while waiting (the service is stopping)
     */
    void enter() {
        boolean admitted;
        try {
            admitted = turns.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageUnavailableException("interrupted while waiting for a database connection", e);
        }
        if (!admitted) {
            if (databaseFailing) {
                throw new StorageUnavailableException("the database cannot be reached",
                        new IllegalStateException("no connection within the admission timeout, and the last "
                                + "attempt to use one failed"));
            }
            throw new StorageBusyException("every database connection stayed busy with other requests for longer "
                    + "than the admission timeout");
        }
    }

    /** Gives the turn back, and records whether the database answered ({@code failed}: a connection failure). */
    void leave(boolean failed) {
        if (databaseFailing != failed) {
            databaseFailing = failed;
        }
        turns.release();
    }

    /** {@return about how many units of work are waiting for a turn now} */
    int waiting() {
        return turns.getQueueLength();
    }
}
