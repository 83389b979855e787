package dev.todo.persistence;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import liquibase.change.custom.CustomTaskChange;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * What the changesets' backfills of existing todos share: the walk over every tenant's todos in {@code (user_id, id)}
 * order, {@link #BATCH} at a time, each page's writes sent as one JDBC batch; and Liquibase's callbacks they do not
 * need.
 */
abstract class TodoBackfill implements CustomTaskChange {

    /** How many todos are read and written at a time. */
    static final int BATCH = 500;

    /** Adds the write of the current row's todo to the write statement's parameters (not yet to its batch). */
    @FunctionalInterface
    interface Row {
        void bind(ResultSet rows, PreparedStatement write) throws SQLException;
    }

    /**
     * Runs {@code row} on every todo and sends its writes. {@code next} selects {@code user_id} and {@code id} first,
     * takes the last page's last {@code user_id}, {@code id} and the page size as its three parameters, and orders by
     * {@code user_id, id}.
     *
     * @return how many todos were written
     */
    static int eachTodo(PreparedStatement next, PreparedStatement write, Row row) throws SQLException {
        String user = "";
        UUID id = new UUID(0, 0);
        int written = 0;
        int read;
        do {
            next.setString(1, user);
            next.setObject(2, id);
            next.setInt(3, BATCH);
            read = 0;
            try (ResultSet rows = next.executeQuery()) {
                while (rows.next()) {
                    user = rows.getString(1);
                    id = rows.getObject(2, UUID.class);
                    row.bind(rows, write);
                    write.addBatch();
                    read++;
                }
            }
            write.executeBatch();
            written += read;
        } while (read == BATCH);
        return written;
    }

    @Override
    public void setUp() {
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
    }

    @Override
    public ValidationErrors validate(liquibase.database.Database database) {
        return new ValidationErrors();
    }
}
