package dev.todo.persistence;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.out.TodoQuery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a filtered, ordered page of a tenant's todos: keyset paging ({@code (key, id) > (:key, :id)}), never
 * OFFSET, on the index of the order. The statement is put together from fixed fragments chosen by enums; every value
 * the client gave is a bound parameter.
 */
final class TodoListQueries {

    private TodoListQueries() {
    }

    /** A statement and its parameters, in order. */
    record Statement(String sql, List<Object> parameters) {

        void bind(PreparedStatement statement) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
        }
    }

    static Statement of(TenantId tenant, TodoQuery query) {
        TodoSort sort = query.sort();
        String key = switch (sort.field()) {
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
            case TITLE -> "title COLLATE \"C\"";
        };
        String direction = sort.descending() ? " DESC" : "";
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ").append(JdbcTodoRepository.COLUMNS)
                .append(" FROM todo WHERE user_id = ?");
        parameters.add(tenant.value());
        if (query.completed().isPresent()) {
            sql.append(" AND is_completed = ?");
            parameters.add(query.completed().get());
        }
        if (query.after().isPresent()) {
            TodoPosition after = query.after().get();
            sql.append(" AND (").append(key).append(", id) ").append(sort.descending() ? "<" : ">").append(" (?, ?)");
            parameters.add(sort.field() == TodoSort.Field.TITLE ? after.key()
                    : OffsetDateTime.ofInstant(after.instant(), ZoneOffset.UTC));
            parameters.add(after.id().value());
        }
        sql.append(" ORDER BY ").append(key).append(direction).append(", id").append(direction);
        if (query.limit().isPresent()) {
            sql.append(" LIMIT ?");
            parameters.add(query.limit().getAsInt());
        }
        return new Statement(sql.toString(), List.copyOf(parameters));
    }
}
