package dev.todo.app.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks every hexagon rule against the production classes of every module. */
class ArchitectureTest {

    private static final HexagonRules RULES = HexagonRules.forRoot("dev.todo");

    /**
     * todo-app depends on todo-persistence's test-jar, which DO_NOT_INCLUDE_TESTS does not recognise (it only knows
     * test-classes directories); its tests use TodoService and must not be checked as persistence code.
     */
    private static final ImportOption DO_NOT_INCLUDE_TEST_JARS = new ImportOption() {
        private final Pattern testJar = Pattern.compile(".*-tests\\.jar!/.*");

        @Override
        public boolean includes(Location location) {
            return !location.matches(testJar);
        }
    };

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(DO_NOT_INCLUDE_TEST_JARS)
                .importPackages("dev.todo");
    }

    // The rules below would pass on an import that missed a module, so first make sure none is missing.
    @Test
    void importHoldsClassesOfEveryModule() {
        assertThat(production.contain("dev.todo.domain.service.TodoService")).isTrue();
        assertThat(production.contain("dev.todo.domain.model.Todo")).isTrue();
        assertThat(production.contain("dev.todo.persistence.JdbcTodoRepository")).isTrue();
        assertThat(production.contain("dev.todo.memory.InMemoryTodoStore")).isTrue();
        assertThat(production.contain("dev.todo.rest.todo.TodoController")).isTrue();
        assertThat(production.contain("dev.todo.mcp.McpEndpoint")).isTrue();
        assertThat(production.contain("dev.todo.app.TodoApplication")).isTrue();
    }

    @Test
    void importHoldsNoTestClassesAndNoFixtures() {
        assertThat(production.contain(ArchitectureTest.class)).isFalse();
        assertThat(production.contain("dev.todo.persistence.JdbcTodoRepositoryTest")).isFalse();
        assertThat(production.stream().map(JavaClass::getName))
                .noneMatch(name -> name.startsWith("dev.todo.archfixtures."))
                .noneMatch(name -> name.startsWith("dev.todo.app.architecture."))
                .noneMatch(name -> name.endsWith("Test"));
    }

    @Test
    void domainDependsOnlyOnJavaAndItself() {
        RULES.domainDependsOnlyOnJavaAndItself().check(production);
    }

    @Test
    void domainIsFrameworkFree() {
        RULES.domainIsFrameworkFree().check(production);
    }

    @Test
    void adaptersAreIndependent() {
        RULES.adaptersAreIndependent().check(production);
    }

    @Test
    void nothingDependsOnApp() {
        RULES.nothingDependsOnApp().check(production);
    }

    @Test
    void restUsesOnlyInPorts() {
        RULES.restUsesOnlyInPorts().check(production);
    }

    @Test
    void controllersReachDomainOnlyThroughInPorts() {
        RULES.controllersReachDomainOnlyThroughInPorts().check(production);
    }

    @Test
    void domainDependenciesPointInward() {
        RULES.domainDependenciesPointInward().check(production);
    }

    @Test
    void persistenceImplementsOnlyOutPorts() {
        RULES.persistenceImplementsOnlyOutPorts().check(production);
    }

    @Test
    void memoryAdapterStandsAlone() {
        RULES.memoryAdapterStandsAlone().check(production);
    }

    @Test
    void mcpAdapterStandsBesideRest() {
        RULES.mcpAdapterStandsBesideRest().check(production);
    }

    @Test
    void mcpUsesOnlyInPorts() {
        RULES.mcpUsesOnlyInPorts().check(production);
    }

    @Test
    void theMcpAdapterMakesNoOutgoingRequest() {
        RULES.mcpMakesNoOutgoingRequest().check(production);
    }
}
