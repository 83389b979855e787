package dev.todo.domain.port.out;

import dev.todo.domain.model.Nullable;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.Tags;
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
     * Returns the tenant's todos the query {@linkplain TodoQuery#selects selects}, in its order
     * ({@link dev.todo.domain.model.TodoSort#comparator(dev.todo.domain.model.SearchQuery)} with the filter's search),
     * at most its limit.
     */
    List<Todo> find(TenantId tenant, TodoQuery query);

    /**
     * Applies an edit to the tenant's todo at {@code at} ({@link Edit#applyTo}) if its version is still
     * {@code expectedVersion} (any, when empty); concurrent changes apply one after another, each to the latest state.
     * An edit that changes nothing writes nothing: {@code before} and {@code after} are then the same todo.
     */
    Optional<Changed> change(TenantId tenant, TodoId id, OptionalLong expectedVersion, Edit edit, Instant at);

    /**
     * Deletes the tenant's todo if its version is still {@code expectedVersion} (any, when empty), leaving a tombstone.
     */
    boolean delete(TenantId tenant, TodoId id, OptionalLong expectedVersion, Instant deletedAt);

    /**
     * Deletes every completed todo of the tenant and every subtask of a completed todo, each leaving a tombstone at a
     * feed position of its own.
     */
    int deleteCompleted(TenantId tenant, Instant deletedAt);

    /** Deletes every subtask of the tenant's todo {@code parent}, each leaving a tombstone at a feed position of its own. */
    int deleteSubtasks(TenantId tenant, TodoId parent, Instant deletedAt);

    /**
     * Inside a {@link UnitOfWork.Intent#WRITE WRITE} unit of work, holds off every other write of the tenant until the
     * unit of work ends, so that what it reads next stays as it read it until it writes (a move reads its neighbours,
     * a subtask its parent). Writes of the tenant that committed before are all visible after it returns.
     */
    void holdWrites(TenantId tenant);

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
     * Counts the tenant's todos per tag spelling as stored (tags that differ only in case are counted apart;
     * {@link TagCount#merge} joins them), in any order.
     */
    List<TagCount> countTags(TenantId tenant);

    /**
     * What a change does to a todo, worked out from the todo as it is when the change applies: a value, so that an
     * adapter may do it in its own terms.
     */
    sealed interface Edit permits SetFields, FlipCompletion, Retag, Completing {

        /** {@return what this edit changes in {@code current}} */
        TodoChanges changesFor(Todo current);

        /** Returns {@code todo} with this edit applied at {@code at}; the very same todo if it changes nothing. */
        default Todo applyTo(Todo todo, Instant at) {
            return todo.apply(changesFor(todo), at);
        }

        /** Sets the fields of {@code changes}. */
        static Edit of(TodoChanges changes) {
            return new SetFields(changes);
        }

        /** Flips the completion. */
        static Edit flip() {
            return new FlipCompletion();
        }

        /** Renames a tag ({@link Tags#renamed}), or removes it when {@code to} is null ({@link Tags#without}). */
        static Edit retag(Tag from, @Nullable Tag to) {
            return new Retag(from, to);
        }

        /**
         * Does {@code edit}, and names {@code next} the next occurrence if it completes a recurring todo; with
         * {@code next} null, such a completion changes nothing ({@link Completing}).
         */
        static Edit completing(Edit edit, @Nullable TodoId next) {
            return new Completing(edit, next);
        }

        /** {@return true if this edit may complete an open todo} */
        default boolean mayComplete() {
            return false;
        }
    }

    /** Sets the fields of {@code changes}. */
    record SetFields(TodoChanges changes) implements Edit {

        public SetFields {
            Objects.requireNonNull(changes, "changes");
        }

        @Override
        public TodoChanges changesFor(Todo current) {
            return changes;
        }

        @Override
        public boolean mayComplete() {
            return changes.completed().orElse(false);
        }
    }

    /** Flips the completion of the todo as it is when the change applies. */
    record FlipCompletion() implements Edit {

        @Override
        public boolean mayComplete() {
            return true;
        }

        @Override
        public TodoChanges changesFor(Todo current) {
            return TodoChanges.none().completed(!current.completed());
        }
    }

    /**
     * Renames a tag of the todo as it is when the change applies, or removes it ({@code to} null); changes nothing if
     * the todo does not carry it.
     */
    record Retag(Tag from, @Nullable Tag to) implements Edit {

        public Retag {
            Objects.requireNonNull(from, "from");
        }

        @Override
        public TodoChanges changesFor(Todo current) {
            Tags tags = current.tags();
            Tags next = to == null ? tags.without(from) : tags.renamed(from, to);
            return next.equals(tags) ? TodoChanges.none() : TodoChanges.none().tags(next);
        }
    }

    /**
     * Does an edit; if it completes an open recurring todo whose series goes on ({@link Todo#occurrenceAfter()}) and
     * which has not created its next occurrence yet ({@link #needsNext}), also records {@code next} as that
     * occurrence's id ({@link Todo#nextOccurrence()}), and the caller then stores the occurrence itself
     * ({@link Todo#followingOccurrence}) in the same unit of work. With {@code next} null, such a completion changes
     * nothing at all, so that a completion can be tried as one statement first and done again in a unit of work only
     * when it makes an occurrence.
     */
    record Completing(Edit edit, @Nullable TodoId next) implements Edit {

        public Completing {
            Objects.requireNonNull(edit, "edit");
        }

        @Override
        public TodoChanges changesFor(Todo current) {
            TodoChanges changes = edit.changesFor(current);
            if (!needsNext(current, changes)) {
                return changes;
            }
            return next == null ? TodoChanges.none() : changes.nextOccurrence(next);
        }

        @Override
        public boolean mayComplete() {
            return edit.mayComplete();
        }

        /**
         * {@return true if {@code changes} complete {@code current}, an open todo that has not made its next occurrence
         * and whose series goes on with the changes applied}
         */
        public static boolean needsNext(Todo current, TodoChanges changes) {
            if (current.completed() || current.nextOccurrence().isPresent() || !changes.completed().orElse(false)) {
                return false;
            }
            return current.apply(changes, current.updatedAt()).occurrenceAfter().isPresent();
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
