package dev.todo.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The build's own purity rules (the Maven Enforcer's bannedDependencies in each module's pom) fail when a module
 * gains a forbidden dependency. Each case copies the project's real poms, adds one dependency to one module, and
 * runs Maven's validate phase offline on that copy, as a developer's build would.
 */
class EnforcerRulesTest {

    private static final List<String> MODULES = List.of("todo-domain", "todo-domain-testkit", "todo-memory",
            "todo-persistence", "todo-rest", "todo-mcp", "todo-app");

    @TempDir
    Path copy;

    @Test
    void theUnchangedPomsPass() throws Exception {
        Result result = validate("todo-rest");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("BannedDependencies passed");
    }

    @ParameterizedTest(name = "{0} may not gain {1}:{2}")
    @CsvSource({
        "todo-domain,      org.slf4j,      slf4j-api,                   todo-domain is plain Java",
        "todo-memory,      org.slf4j,      slf4j-api,                   todo-memory is plain Java on top of todo-domain",
        "todo-domain-testkit, org.slf4j,   slf4j-api,                   todo-domain-testkit is the contracts of todo-domain",
        "todo-rest,        org.postgresql, postgresql,                  todo-rest is a driving adapter",
        "todo-persistence, io.micronaut,   micronaut-http-server-netty, todo-persistence is a driven adapter",
        "todo-app,         dev.todo,       todo-domain-testkit,         todo-app is the service",
        "todo-mcp,         dev.todo,       todo-rest,                   todo-mcp is a driving adapter beside todo-rest",
        "todo-mcp,         dev.todo,       todo-persistence,            todo-mcp is a driving adapter beside todo-rest",
        "todo-rest,        dev.todo,       todo-mcp,                    todo-rest is a driving adapter",
        "todo-persistence, dev.todo,       todo-mcp,                    todo-persistence is a driven adapter"
    })
    void aForbiddenDependencyFailsTheBuild(String module, String groupId, String artifactId, String message)
            throws Exception {
        addDependency(module, groupId, artifactId);
        Result result = validate(module);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains(message, groupId + ":" + artifactId);
    }

    private record Result(int exitCode, String output) {
    }

    private void copyProject() throws IOException {
        Path root = projectRoot();
        Files.copy(root.resolve("pom.xml"), copy.resolve("pom.xml"));
        Files.copy(root.resolve("mvnw"), copy.resolve("mvnw"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(copy.resolve(".mvn/wrapper"));
        Files.copy(root.resolve(".mvn/wrapper/maven-wrapper.properties"),
                copy.resolve(".mvn/wrapper/maven-wrapper.properties"));
        for (String module : MODULES) {
            Files.createDirectories(copy.resolve(module));
            Files.copy(root.resolve(module).resolve("pom.xml"), copy.resolve(module).resolve("pom.xml"));
        }
    }

    private void addDependency(String module, String groupId, String artifactId) throws IOException {
        copyProject();
        Path pom = copy.resolve(module).resolve("pom.xml");
        String text = Files.readString(pom);
        String dependency = "<dependencies>\n    <dependency><groupId>" + groupId + "</groupId><artifactId>" + artifactId
                + "</artifactId></dependency>";
        assertThat(text).contains("<dependencies>");
        Files.writeString(pom, text.replaceFirst("<dependencies>", dependency));
    }

    private Result validate(String module) throws Exception {
        if (!Files.exists(copy.resolve("pom.xml"))) {
            copyProject();
        }
        // Offline: everything was downloaded by the build that runs this test.
        ProcessBuilder builder = new ProcessBuilder(copy.resolve("mvnw").toString(), "-o", "-B", "-pl", module,
                "-am", "validate")
                .directory(copy.toFile())
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("MAVEN_ARGS");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    /** todo-app's tests run in todo-app/; the project root is the directory above that holds mvnw. */
    private static Path projectRoot() {
        Path dir = Path.of("").toAbsolutePath();
        return Stream.iterate(dir, p -> p != null, Path::getParent)
                .filter(p -> Files.exists(p.resolve("mvnw")) && Files.exists(p.resolve("todo-domain/pom.xml")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no project root above " + dir));
    }
}
