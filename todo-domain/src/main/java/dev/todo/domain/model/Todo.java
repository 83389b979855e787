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
    private final @Nullable Recurrence recurrence;
    private final OrderKey position;
    private final @Nullable TodoId parent;
    private final @Nullable TodoId nextOccurrence;
    private final boolean completed;
    private final Instant createdAt;
    private final Instant updatedAt;
    private final long version;

    private Todo(TodoId id, TenantId owner, Title title, @Nullable Description description, Plan plan, Place place,
                 @Nullable TodoId nextOccurrence, boolean completed, Instant createdAt, Instant updatedAt,
                 long version) {
        this.id = Objects.requireNonNull(id, "id");
        if (id.equals(place.parent())) {
            throw new IllegalArgumentException("todo " + id + " cannot be its own parent");
        }
        if (id.equals(nextOccurrence)) {
            throw new IllegalArgumentException("todo " + id + " cannot be its own next occurrence");
        }
        this.owner = Objects.requireNonNull(owner, "owner");
        this.title = Objects.requireNonNull(title, "title");
        this.description = description;
        this.due = plan.due();
        this.priority = plan.priority();
        this.tags = plan.tags();
        this.recurrence = plan.recurrence();
        this.position = place.position();
        this.parent = place.parent();
        this.nextOccurrence = nextOccurrence;
        this.completed = completed;
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
    }

    /**
     * What a todo is planned with besides its text: when it is due, how much it matters, its tags, and how it repeats.
     * @param due when it is due, or null if it is not
     * @param recurrence how it repeats, or null if it does not; a recurring todo has a due (the start of its series)
     */
    public record Plan(@Nullable Due due, Priority priority, Tags tags, @Nullable Recurrence recurrence) {

        /** No due, {@link Priority#NONE}, no tags and no recurrence: a todo's plan unless it is given one. */
        public static final Plan NONE = new Plan(null, Priority.NONE, Tags.NONE, null);

        /**
         * Checks that a recurring plan has a due.
         * @throws ValidationException naming {@value Recurrence#FIELD} if it has not
         */
        public Plan {
            Objects.requireNonNull(priority, "priority");
            Objects.requireNonNull(tags, "tags");
            if (recurrence != null && due == null) {
                throw ValidationException.of(Recurrence.FIELD, "needs a due: a recurring todo repeats from its due");
            }
        }

        /** A plan that does not repeat. */
        public Plan(@Nullable Due due, Priority priority, Tags tags) {
            this(due, priority, tags, null);
        }
    }

    /**
     * Where a todo is: its key in the tenant's hand-made order and the todo it is a subtask of.
     * @param parent the top-level todo this one is a subtask of, or null for a top-level todo
     */
    public record Place(OrderKey position, @Nullable TodoId parent) {

        public Place {
            Objects.requireNonNull(position, "position");
        }
    }

    /** A new, open todo without a plan ({@link Plan#NONE}). */
    public static Todo create(TodoId id, TenantId owner, Title title, @Nullable Description description,
                              Instant now) {
        return create(id, owner, title, description, Plan.NONE, now);
    }

    /** A new, open, top-level todo, last in the order ({@link OrderKey#forNew}). */
    public static Todo create(TodoId id, TenantId owner, Title title, @Nullable Description description, Plan plan,
                              Instant now) {
        return create(id, owner, title, description, plan, null, now);
    }

    /**
     * A new, open todo, last in the order ({@link OrderKey#forNew}).
     * @param parent the top-level todo it is a subtask of, or null; the caller checks that it is one
     */
    public static Todo create(TodoId id, TenantId owner, Title title, @Nullable Description description, Plan plan,
                              @Nullable TodoId parent, Instant now) {
        Instant at = precise(now);
        return new Todo(id, owner, title, description, plan, new Place(OrderKey.forNew(at, id), parent), null, false,
                at, at, FIRST_VERSION);
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
        return restore(id, owner, title, description, plan, new Place(OrderKey.forNew(precise(createdAt), id), null),
                null, completed, createdAt, updatedAt, version);
    }

    /**
     * Rebuilds a todo that was stored earlier with everything it holds, for repositories only (see the other
     * {@code restore}).
     * @param nextOccurrence the id of the todo its completion created, or null
     * @throws IllegalArgumentException if the stored state breaks an invariant
     */
    public static Todo restore(TodoId id, TenantId owner, Title title, @Nullable Description description, Plan plan,
                               Place place, @Nullable TodoId nextOccurrence, boolean completed, Instant createdAt,
                               Instant updatedAt, long version) {
        if (version < FIRST_VERSION) {
            throw new IllegalArgumentException("version must be at least " + FIRST_VERSION + ": " + version);
        }
        if (updatedAt.isBefore(createdAt)) {
            throw new IllegalArgumentException("updatedAt " + updatedAt + " is before createdAt " + createdAt);
        }
        return new Todo(id, owner, title, description, plan, place, nextOccurrence, completed, precise(createdAt),
                precise(updatedAt), version);
    }

    /**
     * Applies a partial update: empty changes return this very todo; any other moves {@link #updatedAt()} strictly
     * forward and raises the version by one.
     * @throws ValidationException if the result would break a rule (a recurrence without a due)
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
                        changes.priority().orElse(priority), changes.tags().orElse(tags),
                        changes.changesRecurrence() ? changes.recurrence().orElse(null) : recurrence),
                new Place(changes.position().orElse(position),
                        changes.changesParent() ? changes.parent().orElse(null) : parent),
                changes.nextOccurrence().orElse(nextOccurrence),
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

    /** {@return how it repeats, if it does} */
    public Optional<Recurrence> recurrence() {
        return Optional.ofNullable(recurrence);
    }

    /** {@return its due, priority, tags and recurrence together} */
    public Plan plan() {
        return new Plan(due, priority, tags, recurrence);
    }

    /** {@return its key in the tenant's hand-made order} */
    public OrderKey position() {
        return position;
    }

    /** {@return the todo it is a subtask of, if it is one} */
    public Optional<TodoId> parent() {
        return Optional.ofNullable(parent);
    }

    /** {@return true if it is a subtask} */
    public boolean isSubtask() {
        return parent != null;
    }

    /** {@return its position and parent together} */
    public Place place() {
        return new Place(position, parent);
    }

    /** {@return the id of the todo its completion created, the next in its series, if one was} */
    public Optional<TodoId> nextOccurrence() {
        return Optional.ofNullable(nextOccurrence);
    }

    /**
     * {@return the occurrence that follows this todo in its series: its due and rule} Empty if it does not recur or its
     * series ends with it.
     */
    public Optional<Recurrence.Occurrence> occurrenceAfter() {
        return recurrence == null || due == null ? Optional.empty() : recurrence.next(due);
    }

    /**
     * The open todo that follows this one in its series, once this one records its id ({@link #nextOccurrence()}): the
     * same title, description, priority, tags and parent, the next due and rule ({@link #occurrenceAfter()}), last in
     * the order.
     */
    public Optional<Todo> followingOccurrence(Instant now) {
        if (nextOccurrence == null) {
            return Optional.empty();
        }
        return occurrenceAfter().map(next -> create(nextOccurrence, owner, title, description,
                new Plan(next.due(), priority, tags, next.recurrence()), parent, now));
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
                && Objects.equals(recurrence, other.recurrence)
                && position.equals(other.position)
                && Objects.equals(parent, other.parent)
                && Objects.equals(nextOccurrence, other.nextOccurrence)
                && completed == other.completed
                && createdAt.equals(other.createdAt)
                && updatedAt.equals(other.updatedAt)
                && version == other.version;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, owner, title, description, due, priority, tags, recurrence, position, parent,
                nextOccurrence, completed, createdAt, updatedAt, version);
    }

    @Override
    public String toString() {
        return "Todo[id=" + id + ", owner=" + owner + ", title=" + title + ", description=" + description
                + ", due=" + due + ", priority=" + priority + ", tags=" + tags + ", recurrence=" + recurrence
                + ", position=" + position + ", parent=" + parent + ", nextOccurrence=" + nextOccurrence
                + ", completed=" + completed + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt
                + ", version=" + version + "]";
    }
}
