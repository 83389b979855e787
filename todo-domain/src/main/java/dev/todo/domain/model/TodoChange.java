package dev.todo.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a tenant's change feed: a todo as it is now (created or changed), or the tombstone of a deleted one.
 * Every write of a tenant takes the next position of its feed, so positions are unique per tenant and increase in the
 * order the writes were committed; a todo appears at most once, at the position of its latest write.
 */
public sealed interface TodoChange {

    /** {@return the position of this change in the tenant's feed; positions start at 1} */
    long position();

    /** A todo was created or changed; this is its state now. */
    record Upserted(Todo todo, long position) implements TodoChange {

        public Upserted {
            Objects.requireNonNull(todo, "todo");
        }
    }

    /** A todo was deleted. */
    record Removed(TodoId id, Instant deletedAt, long position) implements TodoChange {

        public Removed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(deletedAt, "deletedAt");
        }
    }
}
