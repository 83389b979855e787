package dev.todo.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits the use cases keep.
 *
 * @param maxTodosPerTenant  how many todos a tenant may have at once, at least 1
 * @param tombstoneRetention how long the change feed remembers deletions; a client that last synced longer ago
 *                           must sync again from the beginning
 */
public record TodoLimits(int maxTodosPerTenant, Duration tombstoneRetention) {

    /** 10,000 todos per tenant; deletions remembered for 30 days. */
    public static final TodoLimits DEFAULTS = new TodoLimits(10_000, Duration.ofDays(30));

    /**
     * Checks the members.
     *
     * @throws IllegalArgumentException if a limit is not positive
     */
    public TodoLimits {
        Objects.requireNonNull(tombstoneRetention, "tombstoneRetention");
        if (maxTodosPerTenant < 1) {
            throw new IllegalArgumentException("a tenant must be allowed at least one todo");
        }
        if (tombstoneRetention.isNegative() || tombstoneRetention.isZero()) {
            throw new IllegalArgumentException("deletions must be remembered for some time");
        }
    }
}
