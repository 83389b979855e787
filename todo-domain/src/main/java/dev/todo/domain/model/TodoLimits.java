package dev.todo.domain.model;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits the use cases keep.
 * @param maxTodosPerTenant how many todos a tenant may have at once, at least 1
 * @param tombstoneRetention how long the change feed remembers deletions; a client that last synced longer ago must
 *   sync again from the beginning
 * @param maxTombstonesPerTenant how many deletions the change feed remembers per tenant, at least 1: past it the oldest
 *   are forgotten at once, whatever their age, so that a tenant that deletes fast cannot outrun the retention (a client
 *   that synced before them must sync again from the beginning)
 * @param maxUnpagedList how many todos a list without a page size may hold, at least 1: a longer list is refused
 *   ({@link ListTooLargeException}) and must be read page by page
 */
public record TodoLimits(int maxTodosPerTenant, Duration tombstoneRetention, int maxTombstonesPerTenant,
                         int maxUnpagedList) {

    /** How many deletions a tenant's feed remembers by default: as many as the default quota of todos. */
    public static final int DEFAULT_MAX_TOMBSTONES = 10_000;

    /** How many todos an unpaged list may hold by default (about 10 MB of JSON at most, ADR 0028). */
    public static final int DEFAULT_MAX_UNPAGED_LIST = 1_000;

    /**
     * 10,000 todos per tenant; deletions remembered for 30 days, at most 10,000 per tenant; unpaged lists of at most
     * 1,000 todos.
     */
    public static final TodoLimits DEFAULTS = new TodoLimits(10_000, Duration.ofDays(30));

    public TodoLimits {
        Objects.requireNonNull(tombstoneRetention, "tombstoneRetention");
        if (maxTodosPerTenant < 1) {
            throw new IllegalArgumentException("a tenant must be allowed at least one todo");
        }
        if (tombstoneRetention.isNegative() || tombstoneRetention.isZero()) {
            throw new IllegalArgumentException("deletions must be remembered for some time");
        }
        if (maxTombstonesPerTenant < 1) {
            throw new IllegalArgumentException("at least one deletion must be remembered");
        }
        if (maxUnpagedList < 1) {
            throw new IllegalArgumentException("an unpaged list must be allowed at least one todo");
        }
    }

    /**
     * The quota and the retention, with the default bounds on tombstones ({@value #DEFAULT_MAX_TOMBSTONES}) and unpaged
     * lists ({@value #DEFAULT_MAX_UNPAGED_LIST}).
     */
    public TodoLimits(int maxTodosPerTenant, Duration tombstoneRetention) {
        this(maxTodosPerTenant, tombstoneRetention, DEFAULT_MAX_TOMBSTONES, DEFAULT_MAX_UNPAGED_LIST);
    }
}
