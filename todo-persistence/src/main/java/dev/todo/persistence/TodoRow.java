package dev.todo.persistence;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import io.micronaut.core.annotation.Nullable;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A row of table {@code todo}, and the only place that maps it to and from the model. The table's key is
 * {@code (user_id, id)}; every statement is written out with its {@code user_id}.
 */
record TodoRow(
        UUID id,
        String userId,
        String title,
        @Nullable String description,
        boolean isCompleted,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    static TodoRow of(Todo todo) {
        return new TodoRow(todo.id().value(), todo.owner().value(), todo.title().value(),
                todo.description().map(Description::value).orElse(null), todo.completed(),
                todo.createdAt(), todo.updatedAt(), todo.version());
    }

    /**
     * Reads the current row of a result set that selected {@link JdbcTodoRepository#COLUMNS}, in that order, after
     * {@code before} other columns (by position: a list reads a thousand rows).
     */
    static TodoRow read(ResultSet rs, int before) throws SQLException {
        return new TodoRow(rs.getObject(before + 1, UUID.class), rs.getString(before + 2), rs.getString(before + 3),
                rs.getString(before + 4), rs.getBoolean(before + 5),
                rs.getObject(before + 6, OffsetDateTime.class).toInstant(),
                rs.getObject(before + 7, OffsetDateTime.class).toInstant(), rs.getLong(before + 8));
    }

    /**
     * The todo, owned by {@code tenant}, whose statement selected only its rows: its checked id is used as it is
     * instead of checking each row's again.
     */
    Todo toTodo(TenantId tenant) {
        TenantId owner = tenant.value().equals(userId) ? tenant : TenantId.of(userId);
        return Todo.restore(new TodoId(id), owner, Title.stored(title), Description.storedNullable(description),
                isCompleted, createdAt, updatedAt, version);
    }
}
