package dev.todo.persistence;

import dev.todo.domain.model.Description;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.UUID;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;

/**
 * Changeset 0010's backfill: gives every existing todo its {@code search_words} and {@code title_words}, computed by
 * {@link SearchWords} as the adapter writes them, so that todos stored before searching existed are found. It reads
 * every tenant's rows, so the changeset lifts row-level security for the owner around it.
 */
public final class SearchWordsBackfill extends TodoBackfill {

    private static final String NEXT = """
            SELECT user_id, id, title, description, is_completed, created_at, updated_at, version FROM todo
            WHERE (user_id, id) > (?, ?) ORDER BY user_id, id LIMIT ?""";
    private static final String WRITE = """
            UPDATE todo SET search_words = array_to_tsvector(?::text[]), title_words = array_to_tsvector(?::text[])
            WHERE user_id = ? AND id = ?""";

    private int written;

    /** Liquibase makes it. */
    public SearchWordsBackfill() {
    }

    @Override
    public void execute(Database database) throws CustomChangeException {
        Connection connection = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
        try (PreparedStatement next = connection.prepareStatement(NEXT);
             PreparedStatement write = connection.prepareStatement(WRITE)) {
            written = eachTodo(next, write, (rows, words) -> {
                Todo todo = todo(rows);
                words.setObject(1, SearchWords.of(todo));
                words.setObject(2, SearchWords.ofTitle(todo));
                words.setString(3, todo.owner().value());
                words.setObject(4, todo.id().value());
            });
        } catch (SQLException e) {
            throw new CustomChangeException("cannot store the search words of existing todos", e);
        }
    }

    /** The todo of the current row, as stored before it had a plan. */
    private static Todo todo(ResultSet rows) throws SQLException {
        return Todo.restore(new TodoId(rows.getObject(2, UUID.class)), TenantId.of(rows.getString(1)),
                Title.stored(rows.getString(3)), Description.storedNullable(rows.getString(4)), rows.getBoolean(5),
                rows.getObject(6, OffsetDateTime.class).toInstant(),
                rows.getObject(7, OffsetDateTime.class).toInstant(), rows.getLong(8));
    }

    @Override
    public String getConfirmationMessage() {
        return "stored the search words of " + written + " todos";
    }
}
