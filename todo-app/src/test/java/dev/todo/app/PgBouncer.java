package dev.todo.app;

import dev.todo.persistence.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real PgBouncer in transaction mode in front of a test database, as Neon's pooled endpoint is. The binary is
 * {@code TODO_TEST_PGBOUNCER}, else {@code pgbouncer} on the PATH or in /usr/sbin, else Debian's package, fetched
 * with {@code apt-get download} and unpacked under target/ (no root, no installation), so that a fresh Debian or
 * Ubuntu machine runs this test with nothing installed by hand.
 */
final class PgBouncer implements AutoCloseable {

    /** The name clients use for the pooled database. */
    static final String DATABASE = "pooled";

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");
    private static final Path UNPACKED = Path.of("target", "pgbouncer").toAbsolutePath();

    private final Process process;
    private final Path runDir;
    private final int port;
    private final TestPostgres.Database backend;

    private PgBouncer(Process process, Path runDir, int port, TestPostgres.Database backend) {
        this.process = process;
        this.runDir = runDir;
        this.port = port;
        this.backend = backend;
    }

    /**
     * Starts PgBouncer in transaction mode in front of the database.
     *
     * @param backend  the database; clients log in as its plain role
     * @param poolSize server connections per database and user: fewer than the service's pool, so that its
     *                 transactions share server sessions
     */
    static PgBouncer start(TestPostgres.Database backend, int poolSize) {
        Matcher m = JDBC.matcher(backend.jdbcUrl());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + backend.jdbcUrl());
        }
        String host = m.group(1).equals("localhost") ? "127.0.0.1" : m.group(1);
        String backendPort = m.group(2) == null ? "5432" : m.group(2);
        try {
            Path binary = binary();
            Path runDir = Files.createTempDirectory("todo-pgbouncer");
            // Started as root, PgBouncer changes to an unprivileged user, who must still read its files.
            Files.setPosixFilePermissions(runDir, PosixFilePermissions.fromString("rwxrwxrwx"));
            int port = freePort();
            Path users = runDir.resolve("users.txt");
            Files.writeString(users, quote(backend.username()) + " " + quote(backend.password()) + "\n");
            List<String> ini = new ArrayList<>(List.of(
                    "[databases]",
                    DATABASE + " = host=" + host + " port=" + backendPort + " dbname=" + m.group(3),
                    "[pgbouncer]",
                    "listen_addr = 127.0.0.1",
                    "listen_port = " + port,
                    "unix_socket_dir =",
                    "auth_type = trust",
                    "auth_file = " + users,
                    "pool_mode = transaction",
                    "default_pool_size = " + poolSize,
                    "max_client_conn = 200",
                    // pgjdbc sends it at every login; PgBouncer forwards only the parameters it tracks.
                    "ignore_startup_parameters = extra_float_digits"));
            if ("root".equals(System.getProperty("user.name"))) {
                ini.add("user = nobody");
            }
            Path config = runDir.resolve("pgbouncer.ini");
            Files.write(config, ini);
            for (Path file : List.of(users, config)) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            }
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), config.toString())
                    .redirectErrorStream(true).redirectOutput(runDir.resolve("pgbouncer.log").toFile());
            libraries(binary).ifPresent(dir -> builder.environment().put("LD_LIBRARY_PATH", dir.toString()));
            Process process = builder.start();
            PgBouncer bouncer = new PgBouncer(process, runDir, port, backend);
            bouncer.awaitListening();
            return bouncer;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PgBouncer", e);
        }
    }

    /** @return the port it listens on, on 127.0.0.1 */
    int port() {
        return port;
    }

    /** @return a libpq-style URL of the pooled database as the backend's plain role, as an operator would write */
    String url() {
        return "postgresql://" + backend.username() + ":" + backend.password() + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    /** @return what PgBouncer logged */
    String log() {
        try {
            return Files.readString(runDir.resolve("pgbouncer.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("PgBouncer exited with " + process.exitValue() + ":\n" + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IllegalStateException("PgBouncer did not listen on " + port + ":\n" + log());
    }

    private static Path binary() throws IOException {
        String given = System.getenv("TODO_TEST_PGBOUNCER");
        if (given != null && !given.isBlank()) {
            return Path.of(given);
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "pgbouncer"));
            }
        }
        candidates.add(Path.of("/usr/sbin/pgbouncer"));
        candidates.add(UNPACKED.resolve("usr/sbin/pgbouncer"));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return unpackDebianPackages();
    }

    /** Debian's pgbouncer and the one library it needs that a base system lacks, unpacked, not installed. */
    private static synchronized Path unpackDebianPackages() throws IOException {
        Path debs = UNPACKED.resolve("debs");
        Files.createDirectories(debs);
        run(debs, "apt-get", "download", "pgbouncer", "libc-ares2");
        try (Stream<Path> files = Files.list(debs)) {
            for (Path deb : files.filter(f -> f.toString().endsWith(".deb")).toList()) {
                run(debs, "dpkg-deb", "-x", deb.toString(), UNPACKED.toString());
            }
        }
        Path binary = UNPACKED.resolve("usr/sbin/pgbouncer");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("Debian's pgbouncer package did not unpack to " + binary);
        }
        return binary;
    }

    private static void run(Path dir, String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("PgBouncer is needed for the pooled-database tests and is not installed; "
                    + "install it (apt-get install pgbouncer), set TODO_TEST_PGBOUNCER to its binary, or run on "
                    + "Debian/Ubuntu, where the tests fetch it themselves (" + command[0] + ": " + e.getMessage() + ")",
                    e);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        }
    }

    /** The directory of libraries unpacked beside a fetched binary, if it is one. */
    private static Optional<Path> libraries(Path binary) throws IOException {
        if (!binary.startsWith(UNPACKED)) {
            return Optional.empty();
        }
        try (Stream<Path> found = Files.find(UNPACKED.resolve("usr/lib"), 3,
                (path, attributes) -> path.getFileName().toString().startsWith("libcares.so"))) {
            return found.findFirst().map(Path::getParent);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String quote(String value) {
        return "\"" + (value == null ? "" : value.replace("\"", "\"\"")) + "\"";
    }

    /** For the test that shows why pooled mode needs {@code prepareThreshold=0}: a raw connection, as the role. */
    Connection connect(Map<String, String> driverProperties) throws SQLException {
        var properties = new java.util.Properties();
        properties.setProperty("user", backend.username());
        properties.setProperty("password", backend.password());
        driverProperties.forEach(properties::setProperty);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, properties);
    }
}
