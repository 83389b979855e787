package dev.todo.domain.model;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/** A todo: the aggregate of this domain. It belongs to one tenant for its whole life. */
public final class Todo {

    /**
     * The order in which todos are listed: oldest first by {@link #createdAt()}, then by {@link #id()} (see
     * {@link TodoId#compareTo}), which is unique within a tenant.
     */
    public static final Comparator<Todo> CREATION_ORDER =
            Comparator.comparing(Todo::createdAt).thenComparing(Todo::id);

    /** The version of a todo that has just been created. */
    public static final long FIRST_VERSION = 1L;

    private final TodoId id;
    private final TenantId owner;
    private final Title title;
    private final @Nullable Description description;
    private final @Nullable Due due;
    private final Priority priority;
    private final Tags tags;
    private final boolean completed;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    private Todo(TodoId id, TenantId owner, Title title, @Nullable Description description, Plan plan,
                 boolean completed, Instant createdAt, Instant updatedAt, long version) {
        this.id = Objects.requireNonNull(id, "id");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.title = Objects.requireNonNull(title, "title");
        this.description = description;
        this.due = plan.due();
        this.priority = plan.priority();
        this.tags = plan.tags();
        this.completed = completed;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    /**
     * What a todo is planned with besides its text: when it is due, how much it matters, and its tags.
     * @param due when it is due, or null if it is not
     */
    public record Plan(@Nullable Due due, Priority priority, Tags tags) {

        /** No due, {@link Priority#NONE} and no tags: a todo's plan unless it is given one. */
        public static final Plan NONE = new Plan(null, Priority.NONE, Tags.NONE);

        public Plan {
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(tags, "tags");
        }
    }

    /** A new, open todo without a plan ({@link Plan#NONE}). */
    public static Todo create(TodoId id, TenantId owner, Title title, @Nullable Description description,
                              Instant now) {
        return create(id, owner, title, description, Plan.NONE, now);
    }

    /** A new, open todo. */
    public static Todo create(TodoId id, TenantId owner, Title title, @Nullable Description description, Plan plan,
                              Instant now) {
        Instant at = precise(now);
        return new Todo(id, owner, title, description, plan, false, at, at, FIRST_VERSION);
    }

    /**
     * Rebuilds a todo that was stored earlier, for repositories only: it checks the invariants but applies no business
     * rule, and it does not move any timestamp.
     * @throws IllegalArgumentException if the stored state breaks an invariant
     */
    public static Todo restore(TodoId id, TenantId owner, Title title, @Nullable Description description,
                               boolean completed, Instant createdAt, Instant updatedAt, long version) {
        return restore(id, owner, title, description, Plan.NONE, completed, createdAt, updatedAt, version);
    }

    /**
     * Rebuilds a todo that was stored earlier with its plan, for repositories only (see the other {@code restore}).
     * @throws IllegalArgumentException if the stored state breaks an invariant
     */
    public static Todo restore(TodoId id, TenantId owner, Title title, @Nullable Description description, Plan plan,
                               boolean completed, Instant createdAt, Instant updatedAt, long version) {
        if (version < FIRST_VERSION) {
            throw new IllegalArgumentException("version must be at least " + FIRST_VERSION + ": " + version);
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before createdAt " + createdAt);
        }
        return new Todo(id, owner, title, description, plan, completed, precise(createdAt), precise(updatedAt),
                version);
    }

    /**
     * Applies a partial update: empty changes return this very todo; any other moves {@link #updatedAt()} strictly
     * forward and raises the version by one.
     */
    public Todo apply(TodoChanges changes, Instant now) {
        if (changes.isEmpty()) {
            return this;
        }
        Instant next = precise(now);
        Instant floor = updatedAt.plus(1, ChronoUnit.MICROS);
        return new Todo(id, owner,
                changes.title().orElse(title),
                changes.changesDescription() ? changes.description().orElse(null) : description,
                new Plan(changes.changesDue() ? changes.due().orElse(null) : due,
                        changes.priority().orElse(priority), changes.tags().orElse(tags)),
                changes.completed().orElse(completed),
                createdAt,
                next.isBefore(floor) ? floor : next,
                version + 1);
    }

    /** Tells whether this todo belongs to a tenant. */
    public boolean isOwnedBy(TenantId tenant) {
        return owner.equals(tenant);
    }

    /** {@return the id} */
    public TodoId id() {
        return id;
    }

    /** {@return the tenant this todo belongs to} */
    public TenantId owner() {
        return owner;
    }

    /** {@return the title} */
    public Title title() {
        return title;
    }

    /** {@return the description, if it has one} */
    public Optional<Description> description() {
        return Optional.ofNullable(description);
    }

    /** {@return when it is due, if it is} */
    public Optional<Due> due() {
        return Optional.ofNullable(due);
    }

    /** {@return how much it matters} */
    public Priority priority() {
        return priority;
    }

    /** {@return its tags, in order} */
    public Tags tags() {
        return tags;
    }

    /** {@return its due, priority and tags together} */
    public Plan plan() {
        return new Plan(due, priority, tags);
    }

    /** {@return true if the todo is done} */
    public boolean completed() {
        return completed;
    }

    /** {@return when it was created, at microsecond precision} */
    public Instant createdAt() {
        return createdAt;
    }

    /** {@return when it last changed, at microsecond precision} */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** {@return how many times it was written: {@link #FIRST_VERSION} when new, one more for each change} */
    public long version() {
        return version;
    }

    private static Instant precise(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Todo other
                && id.equals(other.id)
                && owner.equals(other.owner)
                && title.equals(other.title)
                && Objects.equals(description, other.description)
                && Objects.equals(due, other.due)
                && priority == other.priority
                && tags.equals(other.tags)
                && completed == other.completed
                && createdAt.equals(other.createdAt)
                && updatedAt.equals(other.updatedAt)
                && version == other.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, owner, title, description, due, priority, tags, completed, createdAt, updatedAt, version);
    }

    @Override
    public String toString() {
        return "Todo[id=" + id + ", owner=" + owner + ", title=" + title + ", description=" + description
                + ", due=" + due + ", priority=" + priority + ", tags=" + tags + ", completed=" + completed + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt
                + ", version=" + version + "]";
    }
}
