package dev.todo.domain.model;

import java.util.Objects;
import java.util.Optional;

/** A partial update of a todo: each part is either left alone or set. The description can also be cleared. */
public final class TodoChanges {

    private static final TodoChanges NONE = new TodoChanges(null, false, null, null);

    private final @Nullable Title title;
    private final boolean descriptionChanged;
    private final @Nullable Description description;
    private final @Nullable Boolean completed;

    private TodoChanges(@Nullable Title title, boolean descriptionChanged, @Nullable Description description,
                        @Nullable Boolean completed) {
        this.title = title;
        this.descriptionChanged = descriptionChanged;
        this.description = description;
        this.completed = completed;
    }

    /** {@return changes that change nothing} */
    public static TodoChanges none() {
        return NONE;
    }

    /** Adds a new title to these changes. */
    public TodoChanges title(Title newTitle) {
        return new TodoChanges(Objects.requireNonNull(newTitle, "newTitle"), descriptionChanged, description, completed);
    }

    /** Adds a new description, or its removal, to these changes. */
    public TodoChanges description(@Nullable Description newDescription) {
        return new TodoChanges(title, true, newDescription, completed);
    }

    /** {@return these changes, also clearing the description} */
    public TodoChanges clearDescription() {
        return description(null);
    }

    /** Adds a new completion to these changes. */
    public TodoChanges completed(boolean newCompleted) {
        return new TodoChanges(title, descriptionChanged, description, newCompleted);
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

    /** {@return the new completion, if it changes} */
    public Optional<Boolean> completed() {
        return Optional.ofNullable(completed);
    }

    /** {@return true if applying these changes leaves a todo as it is} */
    public boolean isEmpty() {
        return title == null && !descriptionChanged && completed == null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TodoChanges other
                && Objects.equals(title, other.title)
                && descriptionChanged == other.descriptionChanged
                && Objects.equals(description, other.description)
                && Objects.equals(completed, other.completed);
    }

    @Override
    public int hashCode() {
        return Objects.hash(title, descriptionChanged, description, completed);
    }

    @Override
    public String toString() {
        return "TodoChanges[title=" + (title == null ? "unchanged" : title)
                + ", description=" + (descriptionChanged ? description : "unchanged")
                + ", completed=" + (completed == null ? "unchanged" : completed) + "]";
    }
}
