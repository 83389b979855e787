package dev.todo.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A partial update of a todo: each part is either left alone or set. The description and the due can also be cleared.
 */
public final class TodoChanges {

    private static final TodoChanges NONE = new TodoChanges(null, false, null, false, null, null, null, null);

    private final @Nullable Title title;
    private final boolean descriptionChanged;
    private final @Nullable Description description;
    private final boolean dueChanged;
    private final @Nullable Due due;
    private final @Nullable Priority priority;
    private final @Nullable Tags tags;
    private final @Nullable Boolean completed;

    private TodoChanges(@Nullable Title title, boolean descriptionChanged, @Nullable Description description,
                        boolean dueChanged, @Nullable Due due, @Nullable Priority priority, @Nullable Tags tags,
                        @Nullable Boolean completed) {
        this.title = title;
        this.descriptionChanged = descriptionChanged;
        this.description = description;
        this.dueChanged = dueChanged;
        this.due = due;
        this.priority = priority;
        this.tags = tags;
        this.completed = completed;
    }

    /** {@return changes that change nothing} */
    public static TodoChanges none() {
        return NONE;
    }

    /** Adds a new title to these changes. */
    public TodoChanges title(Title newTitle) {
        return new TodoChanges(Objects.requireNonNull(newTitle, "newTitle"), descriptionChanged, description,
                dueChanged, due, priority, tags, completed);
    }

    /** Adds a new description, or its removal, to these changes. */
    public TodoChanges description(@Nullable Description newDescription) {
        return new TodoChanges(title, true, newDescription, dueChanged, due, priority, tags, completed);
    }

    /** {@return these changes, also clearing the description} */
    public TodoChanges clearDescription() {
        return description(null);
    }

    /** Adds a new due, or its removal, to these changes. */
    public TodoChanges due(@Nullable Due newDue) {
        return new TodoChanges(title, descriptionChanged, description, true, newDue, priority, tags, completed);
    }

    /** Adds a new priority to these changes. */
    public TodoChanges priority(Priority newPriority) {
        return new TodoChanges(title, descriptionChanged, description, dueChanged, due,
                Objects.requireNonNull(newPriority, "newPriority"), tags, completed);
    }

    /** Adds new tags to these changes. */
    public TodoChanges tags(Tags newTags) {
        return new TodoChanges(title, descriptionChanged, description, dueChanged, due, priority,
                Objects.requireNonNull(newTags, "newTags"), completed);
    }

    /** Adds a new completion to these changes. */
    public TodoChanges completed(boolean newCompleted) {
        return new TodoChanges(title, descriptionChanged, description, dueChanged, due, priority, tags, newCompleted);
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

    /** {@return the new completion, if it changes} */
    public Optional<Boolean> completed() {
        return Optional.ofNullable(completed);
    }

    /** {@return true if applying these changes leaves a todo as it is} */
    public boolean isEmpty() {
        return title == null && !descriptionChanged && !dueChanged && priority == null && tags == null
                && completed == null;
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
                && Objects.equals(completed, other.completed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, descriptionChanged, description, dueChanged, due, priority, tags, completed);
    }

    @Override
    public String toString() {
        return "TodoChanges[title=" + (title == null ? "unchanged" : title)
                + ", description=" + (descriptionChanged ? description : "unchanged")
                + ", due=" + (dueChanged ? due : "unchanged")
                + ", priority=" + (priority == null ? "unchanged" : priority)
                + ", tags=" + (tags == null ? "unchanged" : tags)
                + ", completed=" + (completed == null ? "unchanged" : completed) + "]";
    }
}
