package dev.todo.domain.port.out;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Storage for todos, scoped to one tenant per call: another tenant's todo is invisible, as if it did not exist. Methods
 * take part in the {@link UnitOfWork} they are called in; {@link #insert} and {@link #change}, each atomic on its own,
 * may also be called outside one, and are then a unit of work of their own.
 */
public interface TodoRepository {

    /**
     * Stores a new todo if the tenant has fewer than {@code maxTodos} todos, counting and storing in one step.
     * @throws IllegalArgumentException if {@code todo} is not the tenant's, or {@code maxTodos} is below 1
     */
    boolean insert(TenantId tenant, Todo todo, int maxTodos);

    /** Returns the tenant's todo with that id, if any. */
    Optional<Todo> find(TenantId tenant, TodoId id);

    /** Returns every todo of the tenant, oldest first by {@link Todo#createdAt()}, then by id. */
    List<Todo> findAll(TenantId tenant);

    /**
     * Returns the tenant's todos that match, in the query's order
     * ({@link dev.todo.domain.model.TodoSort#comparator()}).
     */
    List<Todo> find(TenantId tenant, TodoQuery query);

    /**
     * Applies an edit to the tenant's todo at {@code at} ({@link Todo#apply}) if its version is still
     * {@code expectedVersion} (any, when empty); concurrent changes apply one after another, each to the latest state.
     */
    Optional<Changed> change(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit, Instant at);

    /**
     * Deletes the tenant's todo if its version is still {@code expectedVersion} (any, when empty), leaving a tombstone.
     */
    boolean delete(TenantId tenant, TodoId id, OptionalLong expectedVersion, Instant deletedAt);

    /** Deletes every completed todo of the tenant, each leaving a tombstone at a feed position of its own. */
    int deleteCompleted(TenantId tenant, Instant deletedAt);

    /**
     * Reads the tenant's change feed after a position (0 for the beginning): each todo once, as it is now, at its
     * latest position, and each remembered tombstone, by position, at most {@code limit}.
     */
    List<TodoChange> changesSince(TenantId tenant, long after, int limit);

    /** Forgets the tenant's tombstones of deletions before {@code horizon}. */
    void forgetDeletionsBefore(TenantId tenant, Instant horizon);

    /**
     * Keeps the tenant's {@code keep} latest tombstones (by feed position) and forgets the others, whatever their age.
     * @throws IllegalArgumentException if {@code keep} is below 1
     */
    void forgetDeletionsBeyond(TenantId tenant, int keep);

    /** Returns the highest feed position of a forgotten tombstone, or 0: a client synced before it may miss one. */
    long forgottenThrough(TenantId tenant);

    /**
     * What a change does to a todo: set the fields of {@code changes}, or flip its completion.
     * @param flipsCompletion whether to flip the completion of the todo as it is when the change applies
     */
    record Edit(TodoChanges changes, boolean flipsCompletion) {

        public Edit {
            Objects.requireNonNull(changes, "changes");
        }

        /** Sets the fields of {@code changes}. */
        public static Edit of(TodoChanges changes) {
            return new Edit(changes, false);
        }

        /** Flips the completion. */
        public static Edit flip() {
            return new Edit(TodoChanges.none(), true);
        }

        /** Returns {@code todo} with this edit applied at {@code at}. */
        public Todo applyTo(Todo todo, Instant at) {
            return todo.apply(flipsCompletion ? TodoChanges.none().completed(!todo.completed()) : changes, at);
        }
    }

    /** A todo before and after a change. */
    record Changed(Todo before, Todo after) {

        public Changed {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }
}
