package dev.todo.domain.port.in;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoFilter;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which todos of a tenant to list, in what order, and how many at a time.
 * @param filter which todos
 * @param sort their order; {@link TodoSort.Field#RELEVANCE} needs a search in the filter
 * @param limit at most this many todos ({@value #MIN_LIMIT} to {@value #MAX_LIMIT}); empty for all of them
 * @param after start after this position (from the previous page); empty to start at the beginning
 */
public record ListTodosQuery(TenantId tenant, TodoFilter filter, TodoSort sort, OptionalInt limit,
                             Optional<TodoPosition> after) {

    /** The smallest page. */
    public static final int MIN_LIMIT = 1;
    /** The largest page. */
    public static final int MAX_LIMIT = 500;

    public ListTodosQuery {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(after, "after");
        if (limit.isPresent() && (limit.getAsInt() < MIN_LIMIT || limit.getAsInt() > MAX_LIMIT)) {
            throw ValidationException.of("limit", "must be between " + MIN_LIMIT + " and " + MAX_LIMIT);
        }
        if (sort.field() == TodoSort.Field.RELEVANCE && filter.search().isEmpty()) {
            throw ValidationException.of("sort", "can be by relevance only in a search");
        }
        if (after.isPresent() && !after.get().sort().equals(sort)) {
            throw ValidationException.of("cursor", "belongs to another order");
        }
    }

    /** Only done or only open todos ({@code completed}), or all of them. */
    public ListTodosQuery(TenantId tenant, Optional<Boolean> completed, TodoSort sort, OptionalInt limit,
                          Optional<TodoPosition> after) {
        this(tenant, TodoFilter.completed(completed), sort, limit, after);
    }

    /** {@return whether only done or only open todos are listed} */
    public Optional<Boolean> completed() {
        return filter.completed();
    }

    /** Returns every todo of the tenant, oldest first. */
    public static ListTodosQuery all(TenantId tenant) {
        return new ListTodosQuery(tenant, TodoFilter.ALL, TodoSort.CREATION, OptionalInt.empty(), Optional.empty());
    }
}
