package dev.todo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.todo.testkit.FlawedTodoStore.Flaw;
import dev.todo.testkit.FlawedIdempotencyKeys.KeysFlaw;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
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
 * The contracts run here through the JUnit Platform's own test kit, on {@link FlawedTodoStore} (the storage and
 * use-case contracts) and {@link FlawedIdempotencyKeys} (the idempotency-key contract).
 */
class ContractsCatchFlawedAdaptersTest {

    /** The flaws of the store the contracts below get; set before each run, read by the contracts' newAdapter(). */
    private static volatile Set<Flaw> flaws = Set.of();
    /** The flaws of the idempotency keys the key contract gets. */
    private static volatile Set<KeysFlaw> keysFlaws = Set.of();

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

    /** The idempotency-key contract on flawed keys. */
    static class IdempotencyKeysContractOnFlawedStore extends IdempotencyKeysContract {
        @Override
        protected IdempotencyAdapter newAdapter() {
            return IdempotencyAdapter.of(new FlawedIdempotencyKeys(keysFlaws));
        }
    }

    private static final List<Class<?>> CONTRACTS = List.of(RepositoryContractOnFlawedStore.class,
            UseCasesContractOnFlawedStore.class, IdempotencyKeysContractOnFlawedStore.class);

    private record Run(int tests, Set<String> failed) {
    }

    /** The flaws that can be switched on in the store a contract runs on. */
    private static List<Enum<?>> flawsFor(Class<?> contract) {
        return List.of(contract == IdempotencyKeysContractOnFlawedStore.class ? KeysFlaw.values() : Flaw.values());
    }

    private static synchronized Run run(Class<?> contract, Set<? extends Enum<?>> withFlaws) {
        flaws = withFlaws.stream().filter(Flaw.class::isInstance).map(Flaw.class::cast).collect(Collectors.toSet());
        keysFlaws = withFlaws.stream().filter(KeysFlaw.class::isInstance).map(KeysFlaw.class::cast)
                .collect(Collectors.toSet());
        try {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract))
                    .execute();
            Set<String> failed = results.testEvents().failed().stream()
                    .map(ContractsCatchFlawedAdaptersTest::methodName)
                    .collect(Collectors.toSet());
            return new Run((int) results.testEvents().started().count(), failed);
        } finally {
            flaws = Set.of();
            keysFlaws = Set.of();
        }
    }

    private static String methodName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(source -> ((org.junit.platform.engine.support.descriptor.MethodSource) source).getMethodName())
                .orElseThrow();
    }

    /** The tests of a contract, its nested classes' included. */
    private static Set<String> testsOf(Class<?> contract) {
        return Stream.concat(Stream.of(contract), Arrays.stream(contract.getDeclaredClasses())
                        .filter(nested -> nested.isAnnotationPresent(Nested.class)))
                .flatMap(type -> Arrays.stream(type.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .collect(Collectors.toSet());
    }

    static Stream<Arguments> flawsAndTheTestsThatCatchThem() {
        Class<?> repository = RepositoryContractOnFlawedStore.class;
        Class<?> useCases = UseCasesContractOnFlawedStore.class;
        Class<?> keys = IdempotencyKeysContractOnFlawedStore.class;
        return Stream.of(
                Arguments.of(Flaw.FINDS_ACROSS_TENANTS, repository, List.of("anotherTenantsTodoIsInvisible")),
                Arguments.of(Flaw.FINDS_ACROSS_TENANTS, useCases,
                        List.of("anotherTenantsTodoIsNotFoundForEveryUseCaseAndStaysUntouched",
                                "toggleFlipsCompletionAndRaisesTheVersion")),
                Arguments.of(Flaw.FIND_IGNORES_ID, useCases,
                        List.of("getOfAnUnknownIdIsNotFound", "anUpdateOfAnUnknownIdIsNotFound")),
                Arguments.of(Flaw.LISTS_EVERY_TENANT, repository,
                        List.of("aTenantWithoutTodosListsNone", "anotherTenantsTodoIsInvisible",
                                "findListsTheTenantsTodosInEveryOrderAsItsComparatorDoes")),
                Arguments.of(Flaw.LISTS_EVERY_TENANT, useCases,
                        List.of("listReturnsOnlyTheTenantsTodosOldestFirst", "concurrentCreatesAreAllKept",
                                "pagingVisitsEveryTodoOnceInEveryOrder")),
                Arguments.of(Flaw.WRITES_ACROSS_TENANTS, repository,
                        List.of("anotherTenantCanNeitherUpdateNorDelete", "updatingWithAnotherTenantsTodoIsRefused",
                                "deleteCompletedGivesEachDeletedTodoAPositionOfItsOwn")),
                Arguments.of(Flaw.WRITES_ACROSS_TENANTS, useCases,
                        List.of("clearCompletedDeletesOnlyTheTenantsDoneTodos")),
                Arguments.of(Flaw.ACCEPTS_FOREIGN_OWNER, repository,
                        List.of("insertingAnotherTenantsTodoIsRefused")),
                Arguments.of(Flaw.KEYED_BY_ID_ONLY, repository, List.of("theSameIdInTwoTenantsIsTwoTodos")),
                Arguments.of(Flaw.KEYED_BY_ID_ONLY, useCases, List.of("theSameIdInTwoTenantsIsTwoTodos")),
                Arguments.of(Flaw.SIGNED_ID_ORDER, repository,
                        List.of("todosAreListedByCreationTimeThenByUnsignedId",
                                "findListsTheTenantsTodosInEveryOrderAsItsComparatorDoes")),
                Arguments.of(Flaw.SIGNED_ID_ORDER, useCases,
                        List.of("todosCreatedAtTheSameInstantAreListedByUnsignedId",
                                "pagingVisitsEveryTodoOnceInEveryOrder")),
                Arguments.of(Flaw.ORDERED_BY_LAST_CHANGE, repository, List.of("aChangeKeepsATodosPlaceInTheList")),
                Arguments.of(Flaw.IGNORES_EXPECTED_VERSION, repository,
                        List.of("anUpdateWithAnotherVersionChangesNothing")),
                Arguments.of(Flaw.KEEPS_THE_STORED_VERSION, repository,
                        List.of("successiveUpdatesEachExpectThePreviousVersion",
                                "concurrentChangesApplyOneAfterAnother")),
                Arguments.of(Flaw.KEEPS_THE_STORED_VERSION, useCases,
                        List.of("concurrentUpdatesOfOneTodoLoseNothing",
                                "tagChangesRacingUpdatesOfTheSameTodosLoseNothing",
                                "updatedAtMovesStrictlyForwardWhateverTheClockDoes",
                                "conditionalWritesApplyOnlyToTheExpectedVersion",
                                "ofConcurrentWritersExpectingTheSameVersionExactlyOneWins",
                                "toggleFlipsCompletionAndRaisesTheVersion")),
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
                                "anotherUnitOfWorkNeverSeesWritesThatAreNotKept",
                                "aUnitOfWorkStartedInsideAnotherForTheSameTenantJoinsIt",
                                "theFeedRollsBackWithTheUnitOfWork")),
                Arguments.of(Flaw.ROLLS_BACK_EXCEPTIONS_ONLY, repository,
                        List.of("aUnitOfWorkThatThrowsAnErrorKeepsNothing")),
                Arguments.of(Flaw.WRAPS_FAILURES, repository,
                        List.of("aUnitOfWorkThatThrowsKeepsNothing", "insertingAnotherTenantsTodoIsRefused")),
                Arguments.of(Flaw.DROPS_WRITE_RESULTS, repository, List.of("aUnitOfWorkReturnsWhatItsWorkReturns")),
                Arguments.of(Flaw.DIRTY_READS, repository, List.of("anotherUnitOfWorkNeverSeesWritesThatAreNotKept")),
                Arguments.of(Flaw.BUFFERS_WRITES, repository, List.of("aUnitOfWorkSeesItsOwnWrites")),

                Arguments.of(Flaw.NESTED_UNITS_COMMIT_ON_THEIR_OWN, repository,
                        List.of("aUnitOfWorkStartedInsideAnotherForTheSameTenantJoinsIt")),
                Arguments.of(Flaw.NESTED_UNIT_OF_ANOTHER_TENANT_RUNS, repository,
                        List.of("aUnitOfWorkForAnotherTenantIsRefusedInsideOne")),
                Arguments.of(Flaw.QUOTA_IGNORED, repository,
                        List.of("anInsertPastTheLimitIsRefusedAndStoresNothing",
                                "concurrentInsertsNeverTakeATenantPastItsLimit")),
                Arguments.of(Flaw.QUOTA_IGNORED, useCases,
                        List.of("aTenantCannotGoPastItsQuota", "concurrentCreatesNeverExceedTheQuota")),
                Arguments.of(Flaw.QUOTA_OFF_BY_ONE, repository,
                        List.of("anInsertPastTheLimitIsRefusedAndStoresNothing",
                                "concurrentInsertsNeverTakeATenantPastItsLimit")),
                Arguments.of(Flaw.QUOTA_OFF_BY_ONE, useCases,
                        List.of("aTenantCannotGoPastItsQuota", "concurrentCreatesNeverExceedTheQuota")),
                Arguments.of(Flaw.QUOTA_COUNTS_EVERY_TENANT, repository,
                        List.of("anInsertPastTheLimitIsRefusedAndStoresNothing",
                                "concurrentInsertsNeverTakeATenantPastItsLimit")),
                Arguments.of(Flaw.QUOTA_COUNTS_EVERY_TENANT, useCases, List.of("aTenantCannotGoPastItsQuota")),
                Arguments.of(Flaw.QUOTA_COUNT_NOT_LOWERED, repository,
                        List.of("anInsertPastTheLimitIsRefusedAndStoresNothing")),
                Arguments.of(Flaw.QUOTA_COUNT_NOT_LOWERED, useCases, List.of("aTenantCannotGoPastItsQuota")),
                Arguments.of(Flaw.QUOTA_COUNTED_WITHOUT_A_LOCK, repository,
                        List.of("concurrentInsertsNeverTakeATenantPastItsLimit")),
                Arguments.of(Flaw.QUOTA_COUNTED_WITHOUT_A_LOCK, useCases,
                        List.of("concurrentCreatesNeverExceedTheQuota")),
                Arguments.of(Flaw.DESCENDING_TIES_ASCENDING, repository,
                        List.of("findListsTheTenantsTodosInEveryOrderAsItsComparatorDoes",
                                "findStartsStrictlyAfterThePosition", "findStopsAtTheLimit")),
                Arguments.of(Flaw.DESCENDING_TIES_ASCENDING, useCases,
                        List.of("pagingVisitsEveryTodoOnceInEveryOrder")),
                Arguments.of(Flaw.TITLES_BY_UTF16, repository,
                        List.of("findListsTheTenantsTodosInEveryOrderAsItsComparatorDoes")),
                Arguments.of(Flaw.TITLES_BY_UTF16, useCases, List.of("pagingVisitsEveryTodoOnceInEveryOrder")),
                Arguments.of(Flaw.FIND_AFTER_INCLUSIVE, repository,
                        List.of("findStartsStrictlyAfterThePosition", "findStopsAtTheLimit")),
                Arguments.of(Flaw.FIND_AFTER_INCLUSIVE, useCases,
                        List.of("pagingVisitsEveryTodoOnceInEveryOrder",
                                "todosCreatedOrDeletedWhilePagingNeitherRepeatNorHideOthers")),
                Arguments.of(Flaw.FIND_AFTER_BY_KEY_ONLY, repository,
                        List.of("findStartsStrictlyAfterThePosition", "findStopsAtTheLimit")),
                Arguments.of(Flaw.FIND_AFTER_BY_KEY_ONLY, useCases,
                        List.of("pagingVisitsEveryTodoOnceInEveryOrder",
                                "todosCreatedOrDeletedWhilePagingNeitherRepeatNorHideOthers")),
                Arguments.of(Flaw.FIND_IGNORES_COMPLETED, repository, List.of("findFiltersByCompletion")),
                Arguments.of(Flaw.FIND_IGNORES_COMPLETED, useCases, List.of("pagingVisitsEveryTodoOnceInEveryOrder")),
                Arguments.of(Flaw.FIND_IGNORES_LIMIT, repository, List.of("findStopsAtTheLimit")),
                Arguments.of(Flaw.UPDATE_KEEPS_THE_POSITION, repository,
                        List.of("everyWriteTakesTheNextPositionOfTheTenantsFeed")),
                Arguments.of(Flaw.UPDATE_KEEPS_THE_POSITION, useCases,
                        List.of("replayingTheFeedWhileWritesInterleaveEndsWithTheTenantsTodos")),
                Arguments.of(Flaw.POSITION_FROM_THE_LATEST_TODO, repository,
                        List.of("everyWriteTakesTheNextPositionOfTheTenantsFeed",
                                "forgettingDropsOlderTombstonesAndTellsTheHighestPositionForgotten")),
                Arguments.of(Flaw.POSITION_FROM_THE_LATEST_TODO, useCases,
                        List.of("replayingTheFeedWhileWritesInterleaveEndsWithTheTenantsTodos")),
                Arguments.of(Flaw.FEED_REPEATS_UPDATED_TODOS, repository,
                        List.of("everyWriteTakesTheNextPositionOfTheTenantsFeed",
                                "concurrentWritersGetUniquePositionsAndAReaderMissesNothing")),
                Arguments.of(Flaw.NO_TOMBSTONES, repository,
                        List.of("everyWriteTakesTheNextPositionOfTheTenantsFeed",
                                "concurrentWritersGetUniquePositionsAndAReaderMissesNothing")),
                Arguments.of(Flaw.NO_TOMBSTONES, useCases,
                        List.of("replayingTheFeedWhileWritesInterleaveEndsWithTheTenantsTodos")),
                Arguments.of(Flaw.DELETE_COMPLETED_WITHOUT_TOMBSTONES, repository,
                        List.of("deleteCompletedGivesEachDeletedTodoAPositionOfItsOwn")),
                Arguments.of(Flaw.DELETE_COMPLETED_WITHOUT_TOMBSTONES, useCases,
                        List.of("clearCompletedDeletesOnlyTheTenantsDoneTodos",
                                "replayingTheFeedWhileWritesInterleaveEndsWithTheTenantsTodos")),
                Arguments.of(Flaw.DELETE_COMPLETED_SHARES_A_POSITION, repository,
                        List.of("deleteCompletedGivesEachDeletedTodoAPositionOfItsOwn")),
                Arguments.of(Flaw.DELETE_COMPLETED_SHARES_A_POSITION, useCases,
                        List.of("clearCompletedDeletesOnlyTheTenantsDoneTodos")),
                Arguments.of(Flaw.FEED_INCLUDES_THE_POSITION_ASKED_FROM, repository,
                        List.of("changesSinceReadsStrictlyAfterThePositionUpToTheLimit",
                                "concurrentWritersGetUniquePositionsAndAReaderMissesNothing")),
                Arguments.of(Flaw.FEED_INCLUDES_THE_POSITION_ASKED_FROM, useCases,
                        List.of("replayingTheFeedWhileWritesInterleaveEndsWithTheTenantsTodos")),
                Arguments.of(Flaw.FEED_IGNORES_LIMIT, repository,
                        List.of("changesSinceReadsStrictlyAfterThePositionUpToTheLimit")),
                Arguments.of(Flaw.FEED_ACROSS_TENANTS, repository, List.of("theFeedIsTheTenantsOwn")),
                Arguments.of(Flaw.FEED_ACROSS_TENANTS, useCases,
                        List.of("replayingTheFeedWhileWritesInterleaveEndsWithTheTenantsTodos")),
                Arguments.of(Flaw.TOMBSTONES_SURVIVE_ROLLBACK, repository,
                        List.of("theFeedRollsBackWithTheUnitOfWork")),
                Arguments.of(Flaw.FORGOTTEN_THROUGH_ALWAYS_ZERO, repository,
                        List.of("forgettingDropsOlderTombstonesAndTellsTheHighestPositionForgotten")),
                Arguments.of(Flaw.FORGOTTEN_THROUGH_ALWAYS_ZERO, useCases,
                        List.of("aClientBehindForgottenDeletionsMustStartOver")),
                Arguments.of(Flaw.FORGETS_AT_THE_HORIZON, repository,
                        List.of("forgettingDropsOlderTombstonesAndTellsTheHighestPositionForgotten")),
                Arguments.of(Flaw.FORGETS_EVERY_TENANTS_DELETIONS, repository,
                        List.of("forgettingDropsOlderTombstonesAndTellsTheHighestPositionForgotten")),
                Arguments.of(Flaw.FORGOTTEN_THROUGH_CAN_GO_DOWN, repository,
                        List.of("forgettingDropsOlderTombstonesAndTellsTheHighestPositionForgotten")),

                Arguments.of(Flaw.TAGS_SORTED, repository,
                        List.of("thePlanIsStoredAndReadBackExactly", "thePlanIsChangedAndClearedByAChange")),
                Arguments.of(Flaw.TIMED_DUE_STORED_IN_UTC, repository,
                        List.of("thePlanIsStoredAndReadBackExactly", "thePlanIsChangedAndClearedByAChange")),
                Arguments.of(Flaw.CHANGE_KEEPS_THE_PLAN, repository,
                        List.of("thePlanIsChangedAndClearedByAChange", "aRetagRenamesMergesOrRemovesATagIgnoringCase")),
                Arguments.of(Flaw.CHANGE_KEEPS_THE_PLAN, useCases,
                        List.of("renameTagMergesAndChangesOnlyTheTodosCarryingIt",
                                "tagChangesRacingUpdatesOfTheSameTodosLoseNothing",
                                "deleteTagRemovesItFromEveryTodoIgnoringCase")),
                Arguments.of(Flaw.NO_OP_EDIT_WRITES, repository, List.of("anEditThatChangesNothingWritesNothing")),
                Arguments.of(Flaw.NO_OP_EDIT_WRITES, useCases, List.of("aTagRenamedToItselfChangesNothing")),
                Arguments.of(Flaw.RETAG_CASE_SENSITIVE, repository,
                        List.of("aRetagRenamesMergesOrRemovesATagIgnoringCase")),
                Arguments.of(Flaw.RETAG_CASE_SENSITIVE, useCases,
                        List.of("renameTagMergesAndChangesOnlyTheTodosCarryingIt",
                                "deleteTagRemovesItFromEveryTodoIgnoringCase")),
                Arguments.of(Flaw.PRIORITY_FILTER_FIRST_ONLY, repository,
                        List.of("findFiltersByAnyOfThePriorities")),
                Arguments.of(Flaw.TAG_FILTER_MATCHES_ANY, repository,
                        List.of("findFiltersByAllOfTheTagsIgnoringCase")),
                Arguments.of(Flaw.DUE_BOUNDS_EXCLUSIVE, repository,
                        List.of("findFiltersByDueDateInclusiveAndByHavingADue")),
                Arguments.of(Flaw.OVERDUE_ALL_DAY_IN_UTC, repository,
                        List.of("findFiltersOverdueAtTheQuerysInstantAndTimeZone")),
                Arguments.of(Flaw.SEARCH_KEEPS_ACCENTS, repository, List.of("searchIgnoresCaseAndAccents")),
                Arguments.of(Flaw.SEARCH_LAST_WORD_EXACT, repository,
                        List.of("searchMatchesOnlyTheLastWordAsAPrefix", "pagingByPriorityDueAndRelevanceVisitsEveryTodoOnce")),
                Arguments.of(Flaw.SEARCH_EVERY_WORD_A_PREFIX, repository,
                        List.of("searchMatchesOnlyTheLastWordAsAPrefix")),
                Arguments.of(Flaw.SEARCH_ANY_WORD, repository,
                        List.of("searchNeedsEveryWordInTheTitleOrTheDescription")),
                Arguments.of(Flaw.SEARCH_TITLE_ONLY, repository,
                        List.of("searchNeedsEveryWordInTheTitleOrTheDescription")),
                Arguments.of(Flaw.NO_DUE_FIRST_WHEN_DESCENDING, repository,
                        List.of("pagingByPriorityDueAndRelevanceVisitsEveryTodoOnce",
                                "byDueTimedComeBeforeAllDayWithinADayAndNoDueComesLastBothWays",
                                "findListsTheTenantsTodosInEveryOrderAsItsComparatorDoes")),
                Arguments.of(Flaw.NO_DUE_FIRST_WHEN_DESCENDING, useCases,
                        List.of("pagingVisitsEveryTodoOnceInEveryOrder")),
                Arguments.of(Flaw.ALL_DAY_BEFORE_TIMED, repository,
                        List.of("pagingByPriorityDueAndRelevanceVisitsEveryTodoOnce",
                                "byDueTimedComeBeforeAllDayWithinADayAndNoDueComesLastBothWays")),
                Arguments.of(Flaw.RANK_IGNORED, repository,
                        List.of("pagingByPriorityDueAndRelevanceVisitsEveryTodoOnce",
                                "findListsTheTenantsTodosInEveryOrderAsItsComparatorDoes")),
                Arguments.of(Flaw.COUNT_TAGS_BY_KEY, repository, List.of("countTagsCountsEachStoredSpellingApart")),
                Arguments.of(Flaw.COUNT_TAGS_ACROSS_TENANTS, repository,
                        List.of("countTagsCountsEachStoredSpellingApart", "searchTagsAndTagCountsAreTheTenantsOwn")),
                Arguments.of(Flaw.COUNT_TAGS_ACROSS_TENANTS, useCases,
                        List.of("anotherTenantsTagsAreNeitherCountedRenamedNorRemoved")),
                Arguments.of(Flaw.LISTS_EVERY_TENANT, repository,
                        List.of("searchTagsAndTagCountsAreTheTenantsOwn")),
                Arguments.of(Flaw.LISTS_EVERY_TENANT, useCases,
                        List.of("anotherTenantsTagsAreNeitherCountedRenamedNorRemoved")),

                Arguments.of(Flaw.CHANGE_KEEPS_THE_POSITION, repository,
                        List.of("thePlaceAndTheNextOccurrenceAreStoredAndChanged")),
                Arguments.of(Flaw.PARENT_NOT_STORED, repository,
                        List.of("thePlaceAndTheNextOccurrenceAreStoredAndChanged", "findFiltersByParent",
                                "deleteSubtasksDeletesEverySubtaskOfTheParentEachWithATombstone",
                                "deleteCompletedAlsoDeletesEverySubtaskOfACompletedTodo")),
                Arguments.of(Flaw.NEXT_OCCURRENCE_NOT_STORED, repository,
                        List.of("thePlaceAndTheNextOccurrenceAreStoredAndChanged")),
                Arguments.of(Flaw.POSITION_IGNORES_CASE, repository,
                        List.of("findOrdersByPositionCodePointByCodePointBothWaysAndPages")),
                Arguments.of(Flaw.PARENT_FILTER_IGNORED, repository, List.of("findFiltersByParent")),
                Arguments.of(Flaw.DELETE_SUBTASKS_WITHOUT_TOMBSTONES, repository,
                        List.of("deleteSubtasksDeletesEverySubtaskOfTheParentEachWithATombstone")),
                Arguments.of(Flaw.DELETE_SUBTASKS_OF_EVERY_PARENT, repository,
                        List.of("deleteSubtasksDeletesEverySubtaskOfTheParentEachWithATombstone")),
                Arguments.of(Flaw.WRITES_ACROSS_TENANTS, repository,
                        List.of("deleteSubtasksDeletesEverySubtaskOfTheParentEachWithATombstone")),
                Arguments.of(Flaw.DELETE_COMPLETED_LEAVES_SUBTASKS, repository,
                        List.of("deleteCompletedAlsoDeletesEverySubtaskOfACompletedTodo")),
                Arguments.of(Flaw.LOCKS_AT_FIRST_WRITE, repository,
                        List.of("holdWritesKeepsTheTenantsOtherWritesWaitingUntilTheUnitEnds")),

                Arguments.of(Flaw.RECURRENCE_NOT_STORED, repository, List.of("aRecurrenceIsStoredChangedAndCleared")),
                Arguments.of(Flaw.CHANGE_KEEPS_THE_POSITION, useCases,
                        List.of("aNewTodoGoesLastInTheHandMadeOrder", "aMovePutsATodoRightAfterAnotherFirstOrUnderAParent",
                                "aMoveToWhereTheTodoAlreadyIsWritesNothing",
                                "thousandsOfMovesToOnePlaceKeepTheKeysShort")),
                Arguments.of(Flaw.PARENT_NOT_STORED, useCases,
                        List.of("aMovePutsATodoRightAfterAnotherFirstOrUnderAParent",
                                "aMoveToAWrongPlaceIsRefusedAndChangesNothing",
                                "aSubtaskIsCreatedUnderATopLevelTodoOfTheTenantOnly")),
                Arguments.of(Flaw.PARENT_FILTER_IGNORED, useCases,
                        List.of("aNewTodoGoesLastInTheHandMadeOrder", "aMoveToAWrongPlaceIsRefusedAndChangesNothing")),
                Arguments.of(Flaw.KEEPS_THE_STORED_VERSION, useCases,
                        List.of("aMoveAppliesOnlyToTheExpectedVersion")),
                Arguments.of(Flaw.LOCKS_AT_FIRST_WRITE, useCases,
                        List.of("concurrentMovesNeverGiveTwoTodosOnePosition")),
                Arguments.of(Flaw.FINDS_ACROSS_TENANTS, useCases,
                        List.of("aSubtaskIsCreatedUnderATopLevelTodoOfTheTenantOnly",
                                "anotherTenantsTodosAreNoPlaceToMoveToAndCannotBeMoved")),
                Arguments.of(Flaw.DELETE_SUBTASKS_WITHOUT_TOMBSTONES, useCases,
                        List.of("aDeleteTakesTheSubtasksWithIt")),
                Arguments.of(Flaw.DELETE_SUBTASKS_OF_EVERY_PARENT, useCases,
                        List.of("aDeleteTakesTheSubtasksWithIt")),
                Arguments.of(Flaw.NO_ROLLBACK, useCases,
                        List.of("aDeleteTakesTheSubtasksWithIt", "aCompletionTheQuotaHasNoRoomForIsRefusedAsAWhole")),
                Arguments.of(Flaw.COMPLETES_SUBTASKS_WITH_THEIR_PARENT, useCases,
                        List.of("completingAParentLeavesItsSubtasksAndClearingTakesThem")),
                Arguments.of(Flaw.DELETE_COMPLETED_LEAVES_SUBTASKS, useCases,
                        List.of("completingAParentLeavesItsSubtasksAndClearingTakesThem")),
                Arguments.of(Flaw.NEXT_OCCURRENCE_NOT_STORED, useCases,
                        List.of("completingARecurringTodoCreatesItsNextOccurrence",
                                "aSeriesNeverForksWhenACompletionIsRepeated")),
                Arguments.of(Flaw.RECURRENCE_NOT_STORED, useCases,
                        List.of("completingARecurringTodoCreatesItsNextOccurrence",
                                "anEndedSeriesCreatesNoNextOccurrence")),

                Arguments.of(Flaw.STALE_BEFORE, repository, List.of("concurrentEditsEachApplyToTheLatestTodo")),
                Arguments.of(Flaw.STALE_BEFORE, useCases,
                        List.of("concurrentCompletionsAndTogglesKeepEveryChangeAndTellEachCompletionOnce")),
                Arguments.of(Flaw.UPDATED_AT_WITHOUT_FLOOR, repository,
                        List.of("anEditAnswersTheTodoItAppliedToAndStoresWhatItAnswers")),
                Arguments.of(Flaw.COMPLETION_WITHOUT_NEXT, repository, List.of("anEditThatMustNotWriteWritesNothing")),
                Arguments.of(Flaw.COMPLETION_WITHOUT_NEXT, useCases,
                        List.of("completingARecurringTodoCreatesItsNextOccurrence",
                                "concurrentCompletionsOfARecurringTodoMakeOneNextOccurrence")),
                Arguments.of(Flaw.DELETE_IGNORES_EXPECTED_VERSION, repository,
                        List.of("aDeleteThatExpectsAnotherVersionDeletesNothing")),
                Arguments.of(Flaw.DELETE_IGNORES_EXPECTED_VERSION, useCases,
                        List.of("conditionalWritesApplyOnlyToTheExpectedVersion")),

                Arguments.of(KeysFlaw.KEYS_ACROSS_TENANTS, keys,
                        List.of("keysAreTheirTenantsOwn", "aRetryGetsTheFirstOutcomeAndRunsNothing")),
                Arguments.of(KeysFlaw.EXPIRED_KEYS_FOUND, keys,
                        List.of("aRecordedOutcomeIsFoundUntilItExpires", "aRecordReplacesAnExpiredOne")),
                Arguments.of(KeysFlaw.OUTCOME_AS_TEXT, keys, List.of("aRecordedOutcomeIsFoundUntilItExpires")),
                Arguments.of(KeysFlaw.RECORD_KEEPS_THE_FIRST, keys, List.of("aRecordReplacesAnExpiredOne")),
                Arguments.of(KeysFlaw.FORGETS_NOTHING, keys, List.of("forgettingDropsTheTenantsExpiredKeysOnly")),
                Arguments.of(KeysFlaw.FORGETS_EVERY_TENANTS_KEYS, keys,
                        List.of("forgettingDropsTheTenantsExpiredKeysOnly")),
                Arguments.of(KeysFlaw.FORGETS_UNEXPIRED, keys, List.of("forgettingDropsTheTenantsExpiredKeysOnly")),
                Arguments.of(KeysFlaw.CLAIM_ALWAYS_SUCCEEDS, keys,
                        List.of("aKeyClaimedByAUnitOfWorkIsRefusedToAnotherAtOnce",
                                "aRequestThatRacesTheFirstNeverRunsItsWork")),
                Arguments.of(KeysFlaw.CLAIM_WAITS, keys, List.of("aKeyClaimedByAUnitOfWorkIsRefusedToAnotherAtOnce")),
                Arguments.of(KeysFlaw.CLAIM_NOT_RELEASED, keys,
                        List.of("aKeyClaimedByAUnitOfWorkIsRefusedToAnotherAtOnce", "aRecordIsUndoneWithItsUnitOfWork",
                                "aFailedRequestLeavesNothingBehind")),
                Arguments.of(KeysFlaw.CLAIM_NOT_REENTRANT, keys,
                        List.of("aKeyClaimedByAUnitOfWorkIsRefusedToAnotherAtOnce")),
                Arguments.of(KeysFlaw.CLAIMS_KEYED_BY_KEY_ONLY, keys, List.of("aClaimHoldsOneKeyOfOneTenant")),
                Arguments.of(KeysFlaw.RECORDS_OUTSIDE_THE_UNIT, keys,
                        List.of("aRecordIsUndoneWithItsUnitOfWork", "anotherUnitOfWorkDoesNotFindARecordBeforeItIsKept",
                                "aFailedRequestLeavesNothingBehind")),
                Arguments.of(KeysFlaw.NESTED_UNITS_COMMIT_ON_THEIR_OWN, keys,
                        List.of("aRecordMadeInAJoinedUnitOfWorkIsUndoneWithTheOuterOne",
                                "aFailedRequestLeavesNothingBehind")));
    }

    @Test
    void everyContractPassesOnACorrectStore() {
        for (Class<?> contract : CONTRACTS) {
            Run run = run(contract, Set.of());
            assertThat(run.failed()).as(contract.getSimpleName()).isEmpty();
            assertThat(run.tests()).as(contract.getSimpleName())
                    .isEqualTo(testsOf(contract.getSuperclass()).size()).isPositive();
        }
    }

    @ParameterizedTest(name = "{0} fails {2} of {1}")
    @MethodSource("flawsAndTheTestsThatCatchThem")
    void aFlawFailsTheTestsThatGuardAgainstIt(Enum<?> flaw, Class<?> contract, List<String> catchers) {
        assertThat(flawsFor(contract)).contains(flaw);
        assertThat(testsOf(contract.getSuperclass())).containsAll(catchers);

        Run run = run(contract, Set.of(flaw));

        assertThat(run.failed()).containsAll(catchers);
    }

    /** Every flaw is caught, and every test of every contract catches at least one flaw: none passes whatever. */
    @Test
    void everyFlawIsCaughtAndEveryContractTestCatchesOne() {
        Set<Enum<?>> caught = new HashSet<>();
        Set<Enum<?>> flawsTried = new HashSet<>();
        Set<String> catching = new HashSet<>();
        Set<String> all = new HashSet<>();
        for (Class<?> contract : CONTRACTS) {
            String prefix = contract.getSuperclass().getSimpleName() + ".";
            testsOf(contract.getSuperclass()).forEach(test -> all.add(prefix + test));
            for (Enum<?> flaw : flawsFor(contract)) {
                flawsTried.add(flaw);
                Run run = run(contract, Set.of(flaw));
                if (!run.failed().isEmpty()) {
                    caught.add(flaw);
                }
                run.failed().forEach(test -> catching.add(prefix + test));
            }
        }

        assertThat(flawsTried).hasSize(Flaw.values().length + KeysFlaw.values().length);
        assertThat(caught).containsExactlyInAnyOrderElementsOf(flawsTried);
        assertThat(catching).containsExactlyInAnyOrderElementsOf(all);
    }
}
