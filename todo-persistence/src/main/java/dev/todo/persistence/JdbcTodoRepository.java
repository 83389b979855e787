package dev.todo.persistence;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.TodoRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link TodoRepository} on PostgreSQL. It must run inside a {@link JdbcUnitOfWork}, whose transaction its
 * statements join.
 */
@Singleton
public class JdbcTodoRepository implements TodoRepository {

    private final TodoRowRepository rows;
    private final JdbcOperations jdbc;

    JdbcTodoRepository(TodoRowRepository rows, JdbcOperations jdbc) {
        this.rows = rows;
        this.jdbc = jdbc;
    }

    @Override
    public void insert(TenantId tenant, Todo todo) {
        requireOwner(tenant, todo);
        TodoRow row = TodoRow.of(todo);
        rows.insert(row.id(), row.userId(), row.title(), row.description(), row.isCompleted(), row.createdAt(),
                row.updatedAt(), row.version());
    }

    @Override
    public Optional<Todo> find(TenantId tenant, TodoId id) {
        return rows.find(tenant.value(), id.value()).map(TodoRow::toTodo);
    }

    @Override
    public Optional<Todo> findForUpdate(TenantId tenant, TodoId id) {
        return rows.findForUpdate(tenant.value(), id.value()).map(TodoRow::toTodo);
    }

    @Override
    public List<Todo> findAll(TenantId tenant) {
        return rows.findAll(tenant.value()).stream().map(TodoRow::toTodo).toList();
    }

    @Override
    public List<Todo> find(TenantId tenant, TodoQuery query) {
        TodoListQueries.Statement statement = TodoListQueries.of(tenant, query);
        return jdbc.prepareStatement(statement.sql(), prepared -> {
            statement.bind(prepared);
            List<Todo> todos = new ArrayList<>();
            try (ResultSet rs = prepared.executeQuery()) {
                while (rs.next()) {
                    todos.add(TodoRow.read(rs).toTodo());
                }
            }
            return todos;
        });
    }

    @Override
    public boolean update(TenantId tenant, Todo todo, long expectedVersion) {
        requireOwner(tenant, todo);
        TodoRow row = TodoRow.of(todo);
        return rows.update(row.userId(), row.id(), expectedVersion, row.title(), row.description(),
                row.isCompleted(), row.updatedAt(), row.version()) == 1;
    }

    @Override
    public boolean delete(TenantId tenant, TodoId id) {
        return rows.delete(tenant.value(), id.value()) == 1;
    }

    private static void requireOwner(TenantId tenant, Todo todo) {
        if (!todo.isOwnedBy(tenant)) {
            throw new IllegalArgumentException("todo " + todo.id() + " is not owned by the acting tenant");
        }
    }
}
