package dev.todo.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A partial update of a todo: each part is either left alone or set. The description, the due, the recurrence and the
 * parent can also be cleared.
 */
public final class TodoChanges {

    private static final TodoChanges NONE = new TodoChanges();

    private @Nullable Title title;
    private boolean descriptionChanged;
    private @Nullable Description description;
    private boolean dueChanged;
    private @Nullable Due due;
    private @Nullable Priority priority;
    private @Nullable Tags tags;
    private boolean recurrenceChanged;
    private @Nullable Recurrence recurrence;
    private @Nullable Boolean completed;
    private @Nullable OrderKey position;
    private boolean parentChanged;
    private @Nullable TodoId parent;
    private @Nullable TodoId nextOccurrence;

    private TodoChanges() {
    }

    private TodoChanges copy() {
        TodoChanges c = new TodoChanges();
        c.title = title;
        c.descriptionChanged = descriptionChanged;
        c.description = description;
        c.dueChanged = dueChanged;
        c.due = due;
        c.priority = priority;
        c.tags = tags;
        c.recurrenceChanged = recurrenceChanged;
        c.recurrence = recurrence;
        c.completed = completed;
        c.position = position;
        c.parentChanged = parentChanged;
        c.parent = parent;
        c.nextOccurrence = nextOccurrence;
        return c;
    }

    /** {@return changes that change nothing} */
    public static TodoChanges none() {
        return NONE;
    }

    /** Adds a new title to these changes. */
    public TodoChanges title(Title newTitle) {
        TodoChanges c = copy();
        c.title = Objects.requireNonNull(newTitle, "newTitle");
        return c;
    }

    /** Adds a new description, or its removal, to these changes. */
    public TodoChanges description(@Nullable Description newDescription) {
        TodoChanges c = copy();
        c.descriptionChanged = true;
        c.description = newDescription;
        return c;
    }

    /** {@return these changes, also clearing the description} */
    public TodoChanges clearDescription() {
        return description(null);
    }

    /** Adds a new due, or its removal, to these changes. */
    public TodoChanges due(@Nullable Due newDue) {
        TodoChanges c = copy();
        c.dueChanged = true;
        c.due = newDue;
        return c;
    }

    /** Adds a new priority to these changes. */
    public TodoChanges priority(Priority newPriority) {
        TodoChanges c = copy();
        c.priority = Objects.requireNonNull(newPriority, "newPriority");
        return c;
    }

    /** Adds new tags to these changes. */
    public TodoChanges tags(Tags newTags) {
        TodoChanges c = copy();
        c.tags = Objects.requireNonNull(newTags, "newTags");
        return c;
    }

    /** Adds a new recurrence, or its removal, to these changes. */
    public TodoChanges recurrence(@Nullable Recurrence newRecurrence) {
        TodoChanges c = copy();
        c.recurrenceChanged = true;
        c.recurrence = newRecurrence;
        return c;
    }

    /** Adds a new completion to these changes. */
    public TodoChanges completed(boolean newCompleted) {
        TodoChanges c = copy();
        c.completed = newCompleted;
        return c;
    }

    /** Adds a new place in the order to these changes. */
    public TodoChanges position(OrderKey newPosition) {
        TodoChanges c = copy();
        c.position = Objects.requireNonNull(newPosition, "newPosition");
        return c;
    }

    /** Adds a new parent, or its removal (the todo becomes a top-level todo), to these changes. */
    public TodoChanges parent(@Nullable TodoId newParent) {
        TodoChanges c = copy();
        c.parentChanged = true;
        c.parent = newParent;
        return c;
    }

    /** Adds the id of the occurrence that follows this todo in its series to these changes. */
    public TodoChanges nextOccurrence(TodoId next) {
        TodoChanges c = copy();
        c.nextOccurrence = Objects.requireNonNull(next, "next");
        return c;
    }

    /** {@return the new title, if the title changes} */
    public Optional<Title> title() {
        return Optional.ofNullable(title);
    }

    /** {@return true if the description is set or cleared} */
    public boolean changesDescription() {
        return descriptionChanged;
    }

    /** {@return the new description; empty when it is cleared or left alone (see {@link #changesDescription()})} */
    public Optional<Description> description() {
        return Optional.ofNullable(description);
    }

    /** {@return true if the due is set or cleared} */
    public boolean changesDue() {
        return dueChanged;
    }

    /** {@return the new due; empty when it is cleared or left alone (see {@link #changesDue()})} */
    public Optional<Due> due() {
        return Optional.ofNullable(due);
    }

    /** {@return the new priority, if it changes} */
    public Optional<Priority> priority() {
        return Optional.ofNullable(priority);
    }

    /** {@return the new tags, if they change} */
    public Optional<Tags> tags() {
        return Optional.ofNullable(tags);
    }

    /** {@return true if the recurrence is set or cleared} */
    public boolean changesRecurrence() {
        return recurrenceChanged;
    }

    /** {@return the new recurrence; empty when it is cleared or left alone (see {@link #changesRecurrence()})} */
    public Optional<Recurrence> recurrence() {
        return Optional.ofNullable(recurrence);
    }

    /** {@return the new completion, if it changes} */
    public Optional<Boolean> completed() {
        return Optional.ofNullable(completed);
    }

    /** {@return the new place in the order, if it changes} */
    public Optional<OrderKey> position() {
        return Optional.ofNullable(position);
    }

    /** {@return true if the parent is set or cleared} */
    public boolean changesParent() {
        return parentChanged;
    }

    /** {@return the new parent; empty when it is cleared or left alone (see {@link #changesParent()})} */
    public Optional<TodoId> parent() {
        return Optional.ofNullable(parent);
    }

    /** {@return the id of the next occurrence, if it is set} */
    public Optional<TodoId> nextOccurrence() {
        return Optional.ofNullable(nextOccurrence);
    }

    /**
     * {@return true if {@link Todo#apply} accepts these changes whatever the todo is, so that a store may write them
     * without reading the todo first} They clear no due unless they clear the recurrence too (a recurring todo needs a
     * due), set no recurrence without a due (the todo may have none), and set no parent or next occurrence (neither
     * may be the todo itself).
     */
    public boolean acceptedByAnyTodo() {
        boolean clearsDue = dueChanged && due == null;
        boolean clearsRecurrence = recurrenceChanged && recurrence == null;
        boolean setsRecurrence = recurrenceChanged && recurrence != null;
        return !(clearsDue && !clearsRecurrence) && !(setsRecurrence && !(dueChanged && due != null))
                && !(parentChanged && parent != null) && nextOccurrence == null;
    }

    /** {@return true if applying these changes leaves a todo as it is} */
    public boolean isEmpty() {
        return title == null && !descriptionChanged && !dueChanged && priority == null && tags == null
                && !recurrenceChanged && completed == null && position == null && !parentChanged
                && nextOccurrence == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TodoChanges other
                && Objects.equals(title, other.title)
                && descriptionChanged == other.descriptionChanged
                && Objects.equals(description, other.description)
                && dueChanged == other.dueChanged
                && Objects.equals(due, other.due)
                && priority == other.priority
                && Objects.equals(tags, other.tags)
                && recurrenceChanged == other.recurrenceChanged
                && Objects.equals(recurrence, other.recurrence)
                && Objects.equals(completed, other.completed)
                && Objects.equals(position, other.position)
                && parentChanged == other.parentChanged
                && Objects.equals(parent, other.parent)
                && Objects.equals(nextOccurrence, other.nextOccurrence);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, descriptionChanged, description, dueChanged, due, priority, tags, recurrenceChanged,
                recurrence, completed, position, parentChanged, parent, nextOccurrence);
    }

    @Override
    public String toString() {
        return "TodoChanges[title=" + (title == null ? "unchanged" : title)
                + ", description=" + (descriptionChanged ? description : "unchanged")
                + ", due=" + (dueChanged ? due : "unchanged")
                + ", priority=" + (priority == null ? "unchanged" : priority)
                + ", tags=" + (tags == null ? "unchanged" : tags)
                + ", recurrence=" + (recurrenceChanged ? recurrence : "unchanged")
                + ", completed=" + (completed == null ? "unchanged" : completed)
                + ", position=" + (position == null ? "unchanged" : position)
                + ", parent=" + (parentChanged ? parent : "unchanged")
                + ", nextOccurrence=" + (nextOccurrence == null ? "unchanged" : nextOccurrence) + "]";
    }
}
