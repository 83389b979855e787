package dev.todo.persistence;

import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.TodoId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;

/**
 * Changeset 0011's backfill: gives every existing todo the key in its tenant's hand-made order that a todo created then
 * gets, {@link OrderKey#forNew} of its creation and id, so that the position order of todos stored before it is their
 * creation order and a todo created later comes after them. It reads every tenant's rows, so the changeset lifts
 * row-level security for the owner around it.
 */
public final class PositionBackfill extends TodoBackfill {

    private static final String NEXT = """
            SELECT user_id, id, created_at FROM todo WHERE (user_id, id) > (?, ?) ORDER BY user_id, id LIMIT ?""";
    private static final String WRITE = "UPDATE todo SET position = ? WHERE user_id = ? AND id = ?";

    private int written;

    /** Liquibase makes it. */
    public PositionBackfill() {
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try (PreparedStatement next = connection.prepareStatement(NEXT);
             PreparedStatement write = connection.prepareStatement(WRITE)) {
            written = eachTodo(next, write, (rows, position) -> {
                UUID id = rows.getObject(2, UUID.class);
                OrderKey key = OrderKey.forNew(rows.getObject(3, OffsetDateTime.class).toInstant(), new TodoId(id));
                position.setString(1, key.value());
                position.setString(2, rows.getString(1));
                position.setObject(3, id);
            });
        } catch (SQLException e) {
            throw new CustomChangeException("cannot give existing todos their place in the order", e);
        }
    }

    @Override
    public String getConfirmationMessage() {
        return "gave " + written + " todos their place in the order";
    }
}
