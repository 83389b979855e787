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

    /** Reads the current row of a result set that selected {@link JdbcTodoRepository#COLUMNS}. */
    static TodoRow read(ResultSet rs) throws SQLException {
        return new TodoRow(rs.getObject("id", UUID.class), rs.getString("user_id"), rs.getString("title"),
                rs.getString("description"), rs.getBoolean("is_completed"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getLong("version"));
    }

    Todo toTodo() {
        return Todo.restore(new TodoId(id), TenantId.of(userId), Title.of(title), Description.ofNullable(description),
                isCompleted, createdAt, updatedAt, version);
    }
}
