package dev.todo.domain.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.todo.domain.testkit.FlawedTodoStore.Flaw;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The contracts are not vacuous: they pass on a plain, correct store, and each known mistake an adapter can make
 * makes the tests that guard against it fail; together the mistakes make every contract test fail at least once.
 * The contracts run here through the JUnit Platform's own test kit, on {@link FlawedTodoStore}.
 */
class ContractsCatchFlawedAdaptersTest {

    /** The flaws of the store the contracts below get; set before each run, read by the contracts' newAdapter(). */
    private static volatile Set<Flaw> flaws = Set.of();

    /** The storage contract on a flawed store (run by this class only: not named like a test). */
    static class RepositoryContractOnFlawedStore extends TodoRepositoryContract {
        @Override
        protected Adapter newAdapter() {
            return Adapter.of(new FlawedTodoStore(flaws));
        }
    }

    /** The use-case contract on a flawed store. */
    static class UseCasesContractOnFlawedStore extends TodoUseCasesContract {
        @Override
        protected Adapter newAdapter() {
            return Adapter.of(new FlawedTodoStore(flaws));
        }
    }

    private record Run(int tests, Set<String> failed) {
    }

    private static synchronized Run run(Class<?> contract, Set<Flaw> withFlaws) {
        flaws = withFlaws;
        try {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract))
                    .execute();
            Set<String> failed = results.testEvents().failed().stream()
                    .map(ContractsCatchFlawedAdaptersTest::methodName)
                    .collect(Collectors.toSet());
            return new Run((int) results.testEvents().started().count(), failed);
        } finally {
            flaws = Set.of();
        }
    }

    private static String methodName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(source -> ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName())
                .orElseThrow();
    }

    private static Set<String> testsOf(Class<?> contract) {
        return Arrays.stream(contract.getDeclaredMethods())
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
    }

    static Stream<Arguments> flawsAndTheTestsThatCatchThem() {
        Class<?> repository = RepositoryContractOnFlawedStore.class;
        Class<?> useCases = UseCasesContractOnFlawedStore.class;
        return Stream.of(
                Arguments.of(Flaw.FINDS_ACROSS_TENANTS, repository, List.of("anotherTenantsTodoIsInvisible")),
                Arguments.of(Flaw.FINDS_ACROSS_TENANTS, useCases,
                        List.of("anotherTenantsTodoIsNotFoundForEveryUseCaseAndStaysUntouched")),
                Arguments.of(Flaw.FIND_IGNORES_ID, useCases,
                        List.of("getOfAnUnknownIdIsNotFound", "anUpdateOfAnUnknownIdIsNotFound")),
                Arguments.of(Flaw.LISTS_EVERY_TENANT, repository,
                        List.of("aTenantWithoutTodosListsNone", "anotherTenantsTodoIsInvisible")),
                Arguments.of(Flaw.LISTS_EVERY_TENANT, useCases,
                        List.of("listReturnsOnlyTheTenantsTodosOldestFirst", "concurrentCreatesAreAllKept")),
                Arguments.of(Flaw.WRITES_ACROSS_TENANTS, repository,
                        List.of("anotherTenantCanNeitherUpdateNorDelete")),
                Arguments.of(Flaw.ACCEPTS_FOREIGN_OWNER, repository,
                        List.of("insertingAnotherTenantsTodoIsRefused", "updatingWithAnotherTenantsTodoIsRefused")),
                Arguments.of(Flaw.KEYED_BY_ID_ONLY, repository, List.of("theSameIdInTwoTenantsIsTwoTodos")),
                Arguments.of(Flaw.KEYED_BY_ID_ONLY, useCases, List.of("theSameIdInTwoTenantsIsTwoTodos")),
                Arguments.of(Flaw.SIGNED_ID_ORDER, repository,
                        List.of("todosAreListedByCreationTimeThenByUnsignedId")),
                Arguments.of(Flaw.SIGNED_ID_ORDER, useCases,
                        List.of("todosCreatedAtTheSameInstantAreListedByUnsignedId")),
                Arguments.of(Flaw.ORDERED_BY_LAST_CHANGE, repository, List.of("aChangeKeepsATodosPlaceInTheList")),
                Arguments.of(Flaw.IGNORES_EXPECTED_VERSION, repository,
                        List.of("anUpdateWithAnotherVersionChangesNothing")),
                Arguments.of(Flaw.KEEPS_THE_STORED_VERSION, repository,
                        List.of("successiveUpdatesEachExpectThePreviousVersion",
                                "concurrentChangesThroughFindForUpdateApplyOneAfterAnother")),
                Arguments.of(Flaw.KEEPS_THE_STORED_VERSION, useCases,
                        List.of("concurrentUpdatesOfOneTodoLoseNothing",
                                "updatedAtMovesStrictlyForwardWhateverTheClockDoes")),
                Arguments.of(Flaw.UPSERTS, repository, List.of("anUpdateOfAnUnknownTodoStoresNothing")),
                Arguments.of(Flaw.MERGES_UPDATES, repository,
                        List.of("anUpdateWithTheExpectedVersionReplacesTheTodo",
                                "anUpdateSetsEmptiesAndRemovesTheDescription")),
                Arguments.of(Flaw.MERGES_UPDATES, useCases, List.of("anUpdateChangesOnlyWhatItNames")),
                Arguments.of(Flaw.DELETE_ALWAYS_TRUE, repository,
                        List.of("aDeleteRemovesTheTodoOnce", "aDeleteOfAnUnknownIdReturnsFalse")),
                Arguments.of(Flaw.DELETE_ALWAYS_TRUE, useCases, List.of("aDeleteRemovesTheTodo")),
                Arguments.of(Flaw.EMPTY_DESCRIPTION_AS_NONE, repository,
                        List.of("anEmptyDescriptionStaysEmptyAndNoneStaysNone",
                                "anUpdateSetsEmptiesAndRemovesTheDescription")),
                Arguments.of(Flaw.EMPTY_DESCRIPTION_AS_NONE, useCases,
                        List.of("createKeepsAnEmptyDescriptionApartFromNone", "anUpdateChangesOnlyWhatItNames")),
                Arguments.of(Flaw.MILLISECOND_TIMESTAMPS, repository,
                        List.of("whatIsInsertedIsReadBackEqualToTheMicrosecond", "aTodoWithEveryFieldSetRoundTrips")),
                Arguments.of(Flaw.MILLISECOND_TIMESTAMPS, useCases,
                        List.of("createStoresAnOpenTodoOfTheTenant", "emptyChangesWriteNothing")),
                Arguments.of(Flaw.TRIMS_TITLES, repository, List.of("titlesAreKeptExactly")),
                Arguments.of(Flaw.CUTS_LONG_TITLES, repository, List.of("theLongestValuesTheModelAcceptsFit")),
                Arguments.of(Flaw.NO_ROLLBACK, repository,
                        List.of("aUnitOfWorkThatThrowsKeepsNothing", "aUnitOfWorkThatThrowsAnErrorKeepsNothing",
                                "anotherUnitOfWorkNeverSeesWritesThatAreNotKept")),
                Arguments.of(Flaw.ROLLS_BACK_EXCEPTIONS_ONLY, repository,
                        List.of("aUnitOfWorkThatThrowsAnErrorKeepsNothing")),
                Arguments.of(Flaw.WRAPS_FAILURES, repository,
                        List.of("aUnitOfWorkThatThrowsKeepsNothing", "insertingAnotherTenantsTodoIsRefused")),
                Arguments.of(Flaw.DROPS_WRITE_RESULTS, repository, List.of("aUnitOfWorkReturnsWhatItsWorkReturns")),
                Arguments.of(Flaw.DIRTY_READS, repository, List.of("anotherUnitOfWorkNeverSeesWritesThatAreNotKept")),
                Arguments.of(Flaw.BUFFERS_WRITES, repository, List.of("aUnitOfWorkSeesItsOwnWrites")));
    }

    @Test
    void bothContractsPassOnACorrectStore() {
        for (Class<?> contract : List.of(RepositoryContractOnFlawedStore.class, UseCasesContractOnFlawedStore.class)) {
            Run run = run(contract, Set.of());
            assertThat(run.failed()).as(contract.getSimpleName()).isEmpty();
            assertThat(run.tests()).as(contract.getSimpleName())
                    .isEqualTo(testsOf(contract.getSuperclass()).size()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0} fails {2} of {1}")
    @MethodSource("flawsAndTheTestsThatCatchThem")
    void aFlawFailsTheTestsThatGuardAgainstIt(Flaw flaw, Class<?> contract, List<String> catchers) {
        assertThat(testsOf(contract.getSuperclass())).containsAll(catchers);

        Run run = run(contract, EnumSet.of(flaw));

        assertThat(run.failed()).containsAll(catchers);
    }

    /** Every flaw is caught, and every test of both contracts catches at least one flaw: none passes whatever. */
    @Test
    void everyFlawIsCaughtAndEveryContractTestCatchesOne() {
        Set<Flaw> caught = EnumSet.noneOf(Flaw.class);
        Set<String> catching = new HashSet<>();
        Set<String> all = new HashSet<>();
        for (Class<?> contract : List.of(RepositoryContractOnFlawedStore.class, UseCasesContractOnFlawedStore.class)) {
            String prefix = contract.getSuperclass().getSimpleName() + ".";
            testsOf(contract.getSuperclass()).forEach(test -> all.add(prefix + test));
            for (Flaw flaw : Flaw.values()) {
                Run run = run(contract, EnumSet.of(flaw));
                if (!run.failed().isEmpty()) {
                    caught.add(flaw);
                }
                run.failed().forEach(test -> catching.add(prefix + test));
            }
        }

        assertThat(caught).containsExactlyInAnyOrder(Flaw.values());
        assertThat(catching).containsExactlyInAnyOrderElementsOf(all);
    }
}
