package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar's command line, run as a process: {@code --help} and {@code --version} answer and exit 0, an unknown
 * argument is a usage error (2), and none of them starts anything (no database in the data directory, nothing on the
 * port); a Java older than 25 is told, in one line, which Java todo needs (issue 15, items 5 and 9).
 */
class CommandLineIT {

    @TempDir
    Path home;

    @Test
    void helpPrintsTheUsageAndExitsZeroWithoutStartingAnything() throws Exception {
        for (String help : List.of("--help", "-h")) {
            Run run = run(help);
            assertThat(run.exit).as("exit status of %s; %s", help, run).isZero();
            assertThat(run.stdout).contains("usage: todo", "todo token --sub <tenant>", "todo mcp", "TODO_MCP_TENANT",
                    "--version", "--help");
            assertThat(run.stderr).as("standard error").isEmpty();
            run.assertNothingStarted();
        }
    }

    @Test
    void versionPrintsTheVersionAndExitsZeroWithoutStartingAnything() throws Exception {
        Run run = run("--version");
        assertThat(run.exit).as("exit status; %s", run).isZero();
        assertThat(run.stdout).matches("todo \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(Java 2\\d.*\\)\\R");
        run.assertNothingStarted();
    }

    @Test
    void anUnknownArgumentIsAUsageErrorOnStandardErrorWithExitTwo() throws Exception {
        for (String unknown : List.of("--port=9000", "serve", "-x")) {
            Run run = run(unknown);
            assertThat(run.exit).as("exit status of %s; %s", unknown, run).isEqualTo(2);
            assertThat(run.stdout).as("standard output").isEmpty();
            assertThat(run.stderr).contains("unknown argument '" + unknown + "'", "usage: todo");
            run.assertNothingStarted();
        }
    }

    @Test
    void theTokenCommandIsStillThereAndItsUsageErrorsAreExitTwo() throws Exception {
        Run run = run("token");
        assertThat(run.exit).as("%s", run).isEqualTo(2);
        assertThat(run.stderr).contains("token --sub");
        run.assertNothingStarted();
    }

    /** {@code todo health}, a container's health check: 0 when the service on PORT answers /health with 200, else 1. */
    @Test
    void healthIsZeroForAServiceThatAnswersAndOneForNone() throws Exception {
        Run none = run("health");
        assertThat(none.exit).as("nothing listens; %s", none).isEqualTo(1);
        assertThat(none.stdout).contains("/health: no answer");
        none.assertNothingStarted();

        int port = TestApp.api().base().getPort();
        ProcessBuilder builder = new ProcessBuilder(TestApp.javaJar("health"));
        builder.environment().put("PORT", Integer.toString(port));
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("http://127.0.0.1:" + port + "/health: 200");
    }

    /**
     * The jar's Main-Class is a launcher any Java from 8 on can load: its class file is version 52. With a Java
     * older than 25 from this machine (/usr/lib/jvm, or the PATH's), if there is one, the jar says which Java it
     * needs and exits 1, instead of an UnsupportedClassVersionError.
     */
    @Test
    void anOlderJavaIsToldInOneLineThatTodoNeedsJava25() throws Exception {
        Path jar = Path.of(TestApp.javaJar().get(2));
        try (JarFile file = new JarFile(jar.toFile())) {
            String mainClass = file.getManifest().getMainAttributes().getValue("Main-Class");
            assertThat(mainClass).isEqualTo(Launcher.class.getName());
            try (InputStream in = file.getInputStream(file.getEntry(mainClass.replace('.', '/') + ".class"))) {
                DataInputStream data = new DataInputStream(in);
                assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
                data.readUnsignedShort();
                assertThat(data.readUnsignedShort()).as("class file major version (52: Java 8)").isEqualTo(52);
            }
        }
        Optional<Path> older = olderJava();
        System.out.println("CommandLineIT: a Java older than 25 on this machine: " + older.orElse(null));
        if (older.isPresent()) {
            List<String> command = new ArrayList<>(TestApp.javaJar());
            command.set(0, older.get().toString());
            Run run = run(command);
            assertThat(run.exit).as("%s", run).isEqualTo(1);
            assertThat(run.stderr).startsWith("todo needs Java 25 or newer; this is Java ")
                    .contains(older.get().getParent().getParent().toRealPath().toString())
                    .doesNotContain("UnsupportedClassVersionError", "Exception");
            assertThat(run.stderr.lines()).hasSize(1);
            run.assertNothingStarted();
        }
    }

    /** A java executable older than 25: the PATH's, or one in /usr/lib/jvm. */
    private static Optional<Path> olderJava() throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, "java"));
            }
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                homes.sorted().forEach(h -> candidates.add(h.resolve("bin/java")));
            }
        }
        for (Path java : candidates) {
            if (Files.isExecutable(java)) {
                Path release = java.toRealPath().getParent().getParent().resolve("release");
                if (Files.isReadable(release)) {
                    for (String line : Files.readAllLines(release)) {
                        if (line.startsWith("JAVA_VERSION=")) {
                            int feature = Launcher.feature(line.substring("JAVA_VERSION=".length()).replace("\"", ""));
                            if (feature > 0 && feature < Launcher.REQUIRED_JAVA) {
                                return Optional.of(java.toRealPath());
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private Run run(String... arguments) throws Exception {
        return run(TestApp.javaJar(arguments));
    }

    private Run run(List<String> command) throws Exception {
        int port = TestApp.freePort();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("TODO_DATABASE_URL");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("TODO_DATA_DIR", home.resolve("data").toString());
        builder.environment().put("HOME", home.toString());
        builder.environment().put("TODO_AUTH_JWT_SECRET", "a-development-secret-of-at-least-32-bytes");
        Process process = builder.start();
        CompletableFuture<String> stdout = read(process.getInputStream());
        CompletableFuture<String> stderr = read(process.getErrorStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroy();  // SIGTERM, so that a service it started stops its database too
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            throw new AssertionError(command + " still ran after 60 s: it started the service. Output: "
                    + stdout.exceptionally(String::valueOf).get() + stderr.exceptionally(String::valueOf).get());
        }
        return new Run(command, process.exitValue(), stdout.get(), stderr.get(), port, home.resolve("data"));
    }

    /** All of a stream, read on a thread of its own (the common pool may have one thread for both streams). */
    static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, task -> Thread.ofPlatform().daemon().start(task));
    }

    private record Run(List<String> command, int exit, String stdout, String stderr, int port, Path dataDir) {

        void assertNothingStarted() throws IOException {
            assertThat(dataDir).as("the data directory of the embedded database").doesNotExist();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("localhost", port), 1_000);
                throw new AssertionError("something listens on port " + port + " after " + command);
            } catch (ConnectException refused) {
                // nothing listens: as expected
            }
        }

        @Override
        public String toString() {
            return command + " exited " + exit + "; stdout: " + stdout + "; stderr: " + stderr;
        }
    }
}
