package dev.todo.persistence;

import java.sql.SQLException;

/**
 * A statement of the adapter failed; the driver's {@link SQLException} (with its SQLSTATE) is the cause, which
 * {@link ConnectionFailures} reads to tell an unreachable database from a defect.
 */
final class StatementFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StatementFailedException(SQLException cause) {
        super("a statement failed: " + cause.getMessage(), cause);
    }
}
