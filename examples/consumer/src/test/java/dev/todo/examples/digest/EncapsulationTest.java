package dev.todo.examples.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.Todo;
import dev.todo.domain.service.TodoService;
import dev.todo.memory.InMemoryTodoStore;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.InaccessibleObjectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * This service sees the domain as a module, not as a bag of classes: it runs on the module path, the domain exports
 * exactly its four API packages, nothing of the domain opens to reflection, and javac on the same module path refuses
 * code that reaches past what a module reads.
 */
class EncapsulationTest {

    private static final Set<String> API = Set.of("dev.todo.domain.model", "dev.todo.domain.port.in",
            "dev.todo.domain.port.out", "dev.todo.domain.service");

    @TempDir
    Path probes;

    @Test
    void theServiceTheDomainAndTheAdapterAreNamedModules() {
        assertThat(DailyDigest.class.getModule().getName()).isEqualTo("dev.todo.examples.digest");
        assertThat(TodoService.class.getModule().getName()).isEqualTo("dev.todo.domain");
        assertThat(InMemoryTodoStore.class.getModule().getName()).isEqualTo("dev.todo.memory");
        assertThat(DailyDigest.class.getModule().canRead(TodoService.class.getModule())).isTrue();
    }

    @Test
    void theDomainExportsItsFourApiPackagesAndHidesAnythingElse() {
        Module domain = Todo.class.getModule();
        ModuleDescriptor descriptor = domain.getDescriptor();

        assertThat(descriptor.exports()).allMatch(e -> !e.isQualified())
                .extracting(ModuleDescriptor.Exports::source).containsExactlyInAnyOrderElementsOf(API);
        // Whatever else the module holds (today: nothing) is not exported to this service.
        Set<String> hidden = domain.getPackages().stream().filter(p -> !API.contains(p)).collect(Collectors.toSet());
        assertThat(hidden).noneMatch(p -> domain.isExported(p, DailyDigest.class.getModule()));
        assertThat(API).allMatch(p -> domain.isExported(p, DailyDigest.class.getModule()));
    }

    @Test
    void theDomainIsStronglyEncapsulated() throws NoSuchFieldException {
        Field title = Todo.class.getDeclaredField("title");

        assertThat(Todo.class.getModule().getDescriptor().isOpen()).isFalse();
        assertThat(title.trySetAccessible()).isFalse();
        assertThatThrownBy(() -> title.setAccessible(true)).isInstanceOf(InaccessibleObjectException.class);
    }

    @Test
    void javacOnTheModulePathCompilesCodeThatUsesTheApi() throws Exception {
        Compilation result = compile("dev.todo.domain", """
                import dev.todo.domain.model.TenantId;
                import dev.todo.domain.port.in.CreateTodoCommand;
                import dev.todo.domain.port.out.TodoRepository;
                import dev.todo.domain.service.TodoService;

                public class Probe {
                    TodoRepository repository;
                    TodoService service;
                    CreateTodoCommand command = CreateTodoCommand.of(TenantId.of("alice"), "t", null);
                }
                """);

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void javacOnTheModulePathRefusesAPackageOfAModuleItDoesNotRead() throws Exception {
        Compilation result = compile("dev.todo.domain", """
                import dev.todo.memory.InMemoryTodoStore;

                public class Probe {
                    InMemoryTodoStore store;
                }
                """);

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("package dev.todo.memory is not visible");
    }

    private record Compilation(int exitCode, String output) {
    }

    /** Compiles one class in a module {@code probe} that requires {@code required}, on this test's module path. */
    private Compilation compile(String required, String source) throws IOException, InterruptedException {
        Path sources = Files.createDirectories(probes.resolve("src/probe"));
        Files.writeString(sources.resolve("module-info.java"), "module probe { requires " + required + "; }\n");
        Files.createDirectories(sources.resolve("probe"));
        Files.writeString(sources.resolve("probe/Probe.java"), "package probe;\n" + source);
        String modulePath = System.getProperty("jdk.module.path");
        assertThat(modulePath).as("this test runs on the module path").isNotBlank();
        String javac = Path.of(System.getProperty("java.home"), "bin",
                System.getProperty("os.name").startsWith("Windows") ? "javac.exe" : "javac").toString();
        Process process = new ProcessBuilder(List.of(javac, "--release", "17", "--module-path", modulePath,
                "-d", probes.resolve("out").toString(), sources.resolve("module-info.java").toString(),
                sources.resolve("probe/Probe.java").toString()))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("javac ended").isTrue();
        return new Compilation(process.exitValue(), output);
    }
}
