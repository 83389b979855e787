package dev.todo.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.Todo;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The domain is the named module {@code dev.todo.domain}, and these tests run inside it (Surefire puts the main
 * classes on the module path and patches the test classes into the module), so the descriptor checked here is the
 * one a consumer on the module path gets.
 */
class ModuleTest {

    private final Module module = Todo.class.getModule();

    @Test
    void theDomainIsTheNamedModuleDevTodoDomain() {
        assertThat(module.isNamed()).isTrue();
        assertThat(module.getName()).isEqualTo("dev.todo.domain");
        assertThat(ModuleTest.class.getModule()).isSameAs(module);
    }

    @Test
    void itExportsExactlyTheFourApiPackagesToEveryone() {
        ModuleDescriptor descriptor = module.getDescriptor();
        assertThat(descriptor.exports()).allMatch(e -> !e.isQualified());
        assertThat(descriptor.exports().stream().map(Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("dev.todo.domain.model", "dev.todo.domain.port.in",
                        "dev.todo.domain.port.out", "dev.todo.domain.service");
    }

    @Test
    void itIsNotOpenAndNeedsNoOtherModule() {
        ModuleDescriptor descriptor = module.getDescriptor();
        assertThat(descriptor.isOpen()).isFalse();
        assertThat(descriptor.opens()).isEmpty();
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name).containsOnly("java.base");
    }
}
