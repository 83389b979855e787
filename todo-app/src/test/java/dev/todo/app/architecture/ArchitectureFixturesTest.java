package dev.todo.app.architecture;

import static dev.todo.app.architecture.ArchitectureFixturesTest.Violation.violation;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Shows that the hexagon rules are not vacuous: each rule fails on a fixture that breaks it, and all pass on a small
 * well-formed hexagon. The fixtures live under {@code dev.todo.archfixtures.<case>}, each laid out like the
 * production code, and are checked with the very rule objects {@link HexagonRules#forRoot} builds for that root.
 */
class ArchitectureFixturesTest {

    private static final String FIXTURES = "dev.todo.archfixtures";

    /** A fixture, the class in it that breaks the rules, and exactly the rules it breaks. */
    record Violation(String fixture, String offender, List<Function<HexagonRules, ArchRule>> broken) {
        @SafeVarargs
        static Violation violation(String fixture, String offender, Function<HexagonRules, ArchRule>... broken) {
            return new Violation(fixture, offender, List.of(broken));
        }

        @Override
        public String toString() {
            return fixture;
        }
    }

    static Stream<Violation> violations() {
        return Stream.of(
                violation("domainuseslibrary", "domain.model.Item",
                        HexagonRules::domainDependsOnlyOnJavaAndItself),
                violation("domainusesmicronaut", "domain.service.ItemService",
                        HexagonRules::domainDependsOnlyOnJavaAndItself, HexagonRules::domainIsFrameworkFree),
                violation("domainusesjakarta", "domain.service.ItemService",
                        HexagonRules::domainDependsOnlyOnJavaAndItself, HexagonRules::domainIsFrameworkFree),
                violation("domainusesjdbc", "domain.port.out.ItemStore",
                        HexagonRules::domainIsFrameworkFree),
                violation("restusespersistence", "rest.ItemResource",
                        HexagonRules::adaptersAreIndependent),
                violation("persistenceusesrest", "persistence.MemoryItemStore",
                        HexagonRules::adaptersAreIndependent),

                violation("dependsonapp", "persistence.MemoryItemStore",
                        HexagonRules::nothingDependsOnApp),
                violation("restusesoutport", "rest.ErrorMapper",
                        HexagonRules::restUsesOnlyInPorts),
                violation("restusesservice", "rest.ItemController",
                        HexagonRules::restUsesOnlyInPorts, HexagonRules::controllersReachDomainOnlyThroughInPorts),
                violation("controllerbypassesinports", "app.AdminController",
                        HexagonRules::controllersReachDomainOnlyThroughInPorts),
                violation("modelusesport", "domain.model.Item",
                        HexagonRules::domainDependenciesPointInward),
                violation("portusesservice", "domain.port.in.AddItem",
                        HexagonRules::domainDependenciesPointInward),
                violation("persistenceusesinport", "persistence.ImportingItemStore",
                        HexagonRules::persistenceImplementsOnlyOutPorts),
                violation("persistenceusesservice", "persistence.ImportingItemStore",
                        HexagonRules::persistenceImplementsOnlyOutPorts),
                violation("memoryusespersistence", "memory.InMemoryItemStore",
                        HexagonRules::memoryAdapterStandsAlone),
                violation("restusesmemory", "rest.ItemResource",
                        HexagonRules::memoryAdapterStandsAlone),
                violation("appusesmemory", "app.Wiring",
                        HexagonRules::memoryAdapterStandsAlone),
                violation("mcpusesrest", "mcp.ItemTools",
                        HexagonRules::mcpAdapterStandsBesideRest),
                violation("mcpusespersistence", "mcp.ItemTools",
                        HexagonRules::mcpAdapterStandsBesideRest),
                violation("restusesmcp", "rest.ItemController",
                        HexagonRules::mcpAdapterStandsBesideRest),
                violation("mcpusesservice", "mcp.ItemTools",
                        HexagonRules::mcpUsesOnlyInPorts),
                violation("mcpcallsout", "mcp.ItemTools",
                        HexagonRules::mcpMakesNoOutgoingRequest));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("violations")
    void fixtureBreaksExactlyItsRules(Violation violation) {
        HexagonRules rules = HexagonRules.forRoot(FIXTURES + "." + violation.fixture());
        JavaClasses classes = importFixture(rules.root());
        Set<ArchRule> expected = violation.broken().stream().map(rule -> rule.apply(rules)).collect(Collectors.toSet());

        for (ArchRule rule : expected) {
            EvaluationResult result = rule.evaluate(classes);
            assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
            assertThat(result.getFailureReport().getDetails())
                    .as(rule.getDescription())
                    .anySatisfy(line -> assertThat(line).contains(rules.root() + "." + violation.offender()));
        }
        // A fixture holds only what its rules need, so the other rules may have nothing to check here: allowing
        // an empty "should" for this cross-check only shows that the fixture breaks no other rule.
        for (ArchRule rule : rules.all()) {
            if (!expected.contains(rule)) {
                assertThat(rule.allowEmptyShould(true).evaluate(classes).hasViolation())
                        .as("unexpected violation of " + rule.getDescription())
                        .isFalse();
            }
        }
    }

    @Test
    void everyRuleHasAFixtureThatBreaksIt() {
        HexagonRules any = HexagonRules.forRoot(FIXTURES);
        Set<ArchRule> broken = violations()
                .flatMap(violation -> violation.broken().stream())
                .map(rule -> rule.apply(any))
                .collect(Collectors.toSet());

        assertThat(broken).containsExactlyInAnyOrderElementsOf(any.all());
    }

    /** Every rule, with the empty "should" still failing, passes on the well-formed hexagon. */
    @Test
    void cleanHexagonPassesEveryRule() {
        HexagonRules rules = HexagonRules.forRoot(FIXTURES + ".clean");
        JavaClasses classes = importFixture(rules.root());

        assertThat(rules.all()).allSatisfy(rule -> rule.check(classes));
    }

    private static JavaClasses importFixture(String root) {
        // Fixtures are test classes: imported by package, without the option that leaves tests out.
        JavaClasses classes = new ClassFileImporter().importPackages(root);
        assertThat(classes).as("classes of fixture " + root).isNotEmpty();
        return classes;
    }
}
