package dev.todo.domain.port.in;

import dev.todo.domain.model.TodoChange;
import java.util.List;

/**
 * A batch of a tenant's changes.
 * @param next the position to ask from next time (the last change's, or the one asked from if there were none)
 */
public record ChangeBatch(List<TodoChange> changes, long next, boolean hasMore) {

    /** Copies the list. */
    public ChangeBatch {
        changes = List.copyOf(changes);
    }
}
