package dev.todo.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL (binaries from Maven Central) for single-machine use. Its data directory survives restarts;
 * it listens on the loopback interface only. Unlike the library's defaults, which suit throwaway test databases,
 * it keeps fsync and synchronous commit on, so that an acknowledged write survives a crash. The service connects as
 * role {@value #USER}, which owns database {@value #DATABASE} but is neither superuser nor BYPASSRLS, so row-level
 * security holds here as it does in production.
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "todo";
    static final String USER = "todo";
    private static final String SUPERUSER = "postgres";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir) {
        try {
            // A root (or a bare relative name) has no parent to create.
            Path parent = dataDir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StartupException("cannot create the data directory " + dataDir + ": " + e.getMessage(), e);
        }
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException | RuntimeException e) {
            String hint = "root".equals(System.getProperty("user.name"))
                    ? "PostgreSQL refuses to run as root: start todo as an unprivileged user, or set TODO_DATABASE_URL"
                    : "is another todo using it?";
            throw new StartupException("cannot start the embedded PostgreSQL in " + dataDir + " (" + hint + "): "
                    + e.getMessage(), e);
        }
        EmbeddedDatabase database = new EmbeddedDatabase(postgres);
        database.createRoleAndDatabaseIfMissing();
        LOG.info("Embedded PostgreSQL on port {}, data in {}", postgres.getPort(), dataDir);
        return database;
    }

    DatabaseUrl url() {
        return new DatabaseUrl(postgres.getJdbcUrl(SUPERUSER, DATABASE).replace("?user=" + SUPERUSER, ""), USER, "");
    }

    private void createRoleAndDatabaseIfMissing() {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            if (!exists(s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + USER + "'"))) {
                s.execute("CREATE ROLE " + USER + " LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE");
            }
            if (!exists(s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'"))) {
                s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
            }
        } catch (SQLException e) {
            close();
            throw new StartupException("cannot create database " + DATABASE + " in the embedded PostgreSQL: "
                    + e.getMessage(), e);
        }
    }

    /** Whether a query has a row; the queries are constants, visible as such where they are made. */
    private static boolean exists(ResultSet rows) throws SQLException {
        try (ResultSet rs = rows) {
            return rs.next();
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("The embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }
}
