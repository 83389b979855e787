package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which todos of a tenant to list, in what order, and how many at a time.
 * @param completed only done ({@code true}) or only open ({@code false}) todos; empty for both
 * @param limit at most this many todos ({@value #MIN_LIMIT} to {@value #MAX_LIMIT}); empty for all of them
 * @param after start after this position (from the previous page); empty to start at the beginning
 */
public record ListTodosQuery(TenantId tenant, Optional<Boolean> completed, TodoSort sort, OptionalInt limit,
                             Optional<TodoPosition> after) {

    /** The smallest page. */
    public static final int MIN_LIMIT = 1;
    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    public ListTodosQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(completed, "completed");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(after, "after");
        if (limit.isPresent() && (limit.getAsInt() < MIN_LIMIT || limit.getAsInt() > MAX_LIMIT)) {
            throw ValidationException.of("limit", "must be between " + MIN_LIMIT + " and " + MAX_LIMIT);
        }
        if (after.isPresent() && !after.get().sort().equals(sort)) {
            throw ValidationException.of("cursor", "belongs to another order");
        }
    }

    /** Returns every todo of the tenant, oldest first. */
    public static ListTodosQuery all(TenantId tenant) {
        return new ListTodosQuery(tenant, Optional.empty(), TodoSort.CREATION, OptionalInt.empty(), Optional.empty());
    }
}
