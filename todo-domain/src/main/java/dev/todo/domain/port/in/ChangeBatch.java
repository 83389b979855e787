package dev.todo.domain.port.in;

import dev.todo.domain.model.TodoChange;
import java.util.List;

/**
 * A batch of a tenant's changes.
 *
 * @param changes the changes, in feed order
 * @param next    the position to ask from next time (the last change's, or the one asked from if there were none)
 * @param hasMore true if more changes follow right away
 */
public record ChangeBatch(List<TodoChange> changes, long next, boolean hasMore) {

    /**
     * Copies the list.
     */
    public ChangeBatch {
        changes = List.copyOf(changes);
    }
}
