package dev.todo.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Brings a database's schema up to date with this adapter's Liquibase changelog, on a direct connection of its own
 * (ADR 0019).
 */
public final class SchemaMigrations {

    /** The changelog, on the class path. Its path is part of each applied changeset's identity: never move it. */
    public static final String CHANGELOG = "db/changelog/db.changelog-master.xml";

    /** The advisory lock instances take in turn to migrate ("todomigr" in ASCII). */
    static final long LOCK_KEY = 0x746f646f6d696772L;

    /** How long an instance waits for another one to finish migrating, as long as Liquibase waits for its lock. */
    private static final Duration LOCK_WAIT = Duration.ofMinutes(5);

    private SchemaMigrations() {
    }

    /**
     * Applies the changesets the database lacks.
     * @throws SchemaMigrationException when a changeset fails (it is rolled back) or the changelog does not match what
     *   the database has applied
     */
    public static int migrate(Connection connection) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            Fingerprint fingerprint = fingerprint();
            if (upToDate(connection, fingerprint)) {
                return 0;
            }
            lock(connection);
            try {
                if (upToDate(connection, fingerprint)) {
                    return 0; // another instance migrated while this one waited
                }
                int before = applied(connection);
                Database database = DatabaseFactory.getInstance()
                        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
                Scope.child(Map.of(Scope.Attr.resourceAccessor.name(),
                        new ClassLoaderResourceAccessor(SchemaMigrations.class.getClassLoader())), () ->
                        new CommandScope(UpdateCommandStep.COMMAND_NAME)
                                .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                                .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                                .execute());
                int after = applied(connection);
                connection.setAutoCommit(true);
                if (!fingerprint.text().matches("[a-z0-9 -]+")) {
                    throw new IllegalStateException("unexpected fingerprint: " + fingerprint.text());
                }
                try (Statement statement = connection.createStatement()) {
                    statement.execute("COMMENT ON TABLE databasechangelog IS '" + fingerprint.text() + "'");
                }
                return after - before;
            } finally {
                connection.setAutoCommit(autoCommit);
                unlock(connection);
            }
        } catch (Exception e) {
            throw new SchemaMigrationException(e);
        }
    }

    /**
     * What identifies the changelog: its number of changesets, and a text with that number and its SHA-256.
     * @param changesets how many changesets it holds
     * @param text {@code todo changelog <n> changesets sha-256 <hex>}
     */
    record Fingerprint(int changesets, String text) {
    }

    /** {@return the fingerprint of the changelog on the class path} */
    static Fingerprint fingerprint() throws IOException {
        byte[] changelog;
        try (InputStream in = SchemaMigrations.class.getClassLoader().getResourceAsStream(CHANGELOG)) {
            if (in == null) {
                throw new IOException(CHANGELOG + " is not on the class path");
            }
            changelog = in.readAllBytes();
        }
        int changesets = (int) CHANGESET.matcher(new String(changelog, StandardCharsets.UTF_8)).results().count();
        try {
            return new Fingerprint(changesets, "todo changelog " + changesets + " changesets sha-256 "
                    + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(changelog)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static final Pattern CHANGESET = Pattern.compile("<changeSet\\s");

    /** Whether the schema is at this very changelog: its fingerprint recorded, all its changesets applied. */
    private static boolean upToDate(Connection connection, Fingerprint fingerprint) throws SQLException {
        return fingerprint.text().equals(recordedFingerprint(connection))
                && applied(connection) == fingerprint.changesets();
    }

    private static String recordedFingerprint(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT obj_description(to_regclass('databasechangelog'), 'pg_class')")) {
            rows.next();
            return rows.getString(1);
        }
    }

    /** Waits, up to {@link #LOCK_WAIT}, until no other instance migrates this database, and keeps it from starting. */
    private static void lock(Connection connection) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        try (PreparedStatement tryLock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            tryLock.setLong(1, LOCK_KEY);
            while (true) {
                try (ResultSet locked = tryLock.executeQuery()) {
                    locked.next();
                    if (locked.getBoolean(1)) {
                        return;
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new SQLException("another instance has been migrating the schema for " + LOCK_WAIT
                            .toMinutes() + " minutes");
                }
                Thread.sleep(100);
            }
        }
    }

    private static void unlock(Connection connection) throws SQLException {
        try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            unlock.setLong(1, LOCK_KEY);
            unlock.execute();
        }
    }

    private static int applied(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema()"
                             + " AND tablename = 'databasechangelog'")) {
            rows.next();
            if (rows.getLong(1) == 0) {
                return 0;
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /** The schema could not be brought up to date; the service must not serve on it. */
    public static final class SchemaMigrationException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        SchemaMigrationException(Exception cause) {
            super("The schema could not be migrated: " + message(cause), cause);
        }

        private static String message(Throwable e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        }
    }
}
