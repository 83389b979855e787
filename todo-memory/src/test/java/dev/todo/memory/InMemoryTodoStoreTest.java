package dev.todo.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.OrderKey;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Title;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.ExecuteOnceUseCase.Outcome;
import dev.todo.domain.port.out.RecordedOutcome;
import dev.todo.domain.port.out.TodoQuery;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import dev.todo.domain.service.IdempotencyService;
import dev.todo.domain.service.TodoService;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.TodoRepository;
import dev.todo.domain.port.out.TodoRepository.Edit;
import dev.todo.domain.port.out.UnitOfWork;

/**
 * What the in-memory store promises beyond the contracts (which {@link InMemoryTodoStoreRepositoryContractTest},
 * {@link InMemoryTodoStoreUseCasesContractTest} and {@link InMemoryTodoStoreIdempotencyKeysContractTest} run): how its
 * units of work wait for each other (a second request with an idempotency key included), that a tenant keeps its feed
 * position, and how it refuses misuse. Waits are bounded only so that a deadlock fails the test instead of hanging it;
 * nothing asserts on time.
 */
class InMemoryTodoStoreTest {

    private static final long HANG_SECONDS = 60;
    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456Z");
    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("auth0|bob");

    private final InMemoryTodoStore store = new InMemoryTodoStore();
    private final TodoRepository todos = store.repository();
    private final UnitOfWork units = store.unitOfWork();
    private final IdempotencyKeys keys = store.idempotencyKeys();

    // --- waiting --------------------------------------------------------------------------------------------------

    @Test
    void unitsOfDifferentTenantsDoNotWaitForEachOther() throws Exception {
        Todo bobs = newTodo(BOB, "bob's");
        boolean bobFinishedWhileAliceHeld = write(ALICE, () -> {
            todos.insert(ALICE, newTodo(ALICE, "alice's"), Integer.MAX_VALUE);
            Started<Object> bob = start(() -> write(BOB, () -> {
                todos.insert(BOB, bobs, Integer.MAX_VALUE);
                return null;
            }));
            return bob.awaitDone();
        });

        assertThat(bobFinishedWhileAliceHeld).isTrue();
        assertThat(read(BOB, () -> todos.findAll(BOB))).containsExactly(bobs);
    }

    @Test
    void readUnitsOfOneTenantRunAlongsideEachOther() throws Exception {
        Todo todo = insert(newTodo(ALICE, "shared"));
        boolean otherReaderFinished = read(ALICE, () -> {
            Started<List<Todo>> other = start(() -> read(ALICE, () -> todos.findAll(ALICE)));
            return other.awaitDone() && other.resultUnchecked().equals(List.of(todo));
        });

        assertThat(otherReaderFinished).isTrue();
    }

    @Test
    void aWriteUnitWaitsUntilTheTenantsOtherUnitsEnd() throws Exception {
        Todo existing = insert(newTodo(ALICE, "there before"));
        Todo todo = newTodo(ALICE, "written after the reader");
        List<Started<Object>> writer = new ArrayList<>();
        List<Todo> seenByReader = read(ALICE, () -> {
            writer.add(start(() -> write(ALICE, () -> {
                todos.insert(ALICE, todo, Integer.MAX_VALUE);
                return null;
            })));
            writer.get(0).awaitWaiting();
            return todos.findAll(ALICE);
        });

        assertThat(seenByReader).containsExactly(existing);
        writer.get(0).result();
        assertThat(read(ALICE, () -> todos.findAll(ALICE))).containsExactlyInAnyOrder(existing, todo);
    }

    @Test
    void aReadUnitOfATenantWithoutTodosSeesNoneUntilItEnds() throws Exception {
        Todo todo = newTodo(ALICE, "written while the reader runs");
        List<List<Todo>> seen = read(ALICE, () -> {
            List<Todo> before = todos.findAll(ALICE);
            // Such a reader holds nothing (there is nothing to hold), so the writer need not wait for it.
            Started<Object> writer = start(() -> write(ALICE, () -> {
                todos.insert(ALICE, todo, Integer.MAX_VALUE);
                return null;
            }));
            assertThat(writer.awaitDone()).isTrue();
            return List.of(before, todos.findAll(ALICE), List.copyOf(todos.find(ALICE, todo.id()).stream().toList()));
        });

        assertThat(seen).containsExactly(List.of(), List.of(), List.of());
        assertThat(read(ALICE, () -> todos.findAll(ALICE))).containsExactly(todo);
    }

    @Test
    void aChangeWaitsForAWriteUnitOfItsTenantToEnd() throws Exception {
        Todo v1 = insert(newTodo(ALICE, "v1"));
        List<Started<Todo>> second = new ArrayList<>();
        write(ALICE, () -> {
            Todo held = todos.find(ALICE, v1.id()).orElseThrow();
            second.add(start(() -> todos.change(ALICE, v1.id(), OptionalLong.empty(),
                    Edit.of(TodoChanges.none().title(Title.of("second"))), T0.plusSeconds(2)).orElseThrow().after()));
            second.get(0).awaitWaiting();
            assertThat(todos.change(ALICE, v1.id(), OptionalLong.of(held.version()),
                    Edit.of(TodoChanges.none().title(Title.of("first"))), T0.plusSeconds(1))).isPresent();
            return null;
        });

        Todo secondResult = second.get(0).result();
        assertThat(secondResult.version()).isEqualTo(3);
        assertThat(read(ALICE, () -> todos.find(ALICE, v1.id()))).contains(secondResult);
    }

    @Test
    void tenantsDroppedWhileOthersWaitForThemLoseNoWrite() throws Exception {
        int threads = 8;
        int rounds = 200;
        List<Started<List<Todo>>> workers = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            int thread = t;
            workers.add(start(() -> {
                go.await();
                List<Todo> kept = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    TenantId tenant = TenantId.of("tenant-" + r);
                    // A unit that keeps nothing leaves the tenant blank, and drops its state, while others may wait
                    // for it; one thread per round keeps a write, which must land in the state that stays.
                    RuntimeException rollBack = new IllegalStateException("keep nothing");
                    assertThatThrownBy(() -> write(tenant, () -> {
                        todos.insert(tenant, newTodo(tenant, "rolled back"), Integer.MAX_VALUE);
                        throw rollBack;
                    })).isSameAs(rollBack);
                    if (r % threads == thread) {
                        kept.add(insert(newTodo(tenant, "kept")));
                    }
                }
                return kept;
            }));
        }
        go.countDown();

        List<Todo> kept = new ArrayList<>();
        for (Started<List<Todo>> worker : workers) {
            kept.addAll(worker.result());
        }
        assertThat(kept).hasSize(rounds);
        for (Todo todo : kept) {
            assertThat(read(todo.owner(), () -> todos.findAll(todo.owner()))).containsExactly(todo);
        }
    }

    // --- nesting ----------------------------------------------------------------------------------------------------

    @Test
    void aUnitStartedInsideAnotherOfTheSameTenantJoinsIt() {
        Todo outer = newTodo(ALICE, "outer");
        Todo inner = newTodo(ALICE, "inner");
        RuntimeException failure = new IllegalStateException("undo both");

        assertThatThrownBy(() -> write(ALICE, () -> {
            todos.insert(ALICE, outer, Integer.MAX_VALUE);
            write(ALICE, () -> {
                todos.insert(ALICE, inner, Integer.MAX_VALUE);
                return null;
            });
            assertThat(read(ALICE, () -> todos.findAll(ALICE))).containsExactlyInAnyOrder(outer, inner);
            throw failure;
        })).isSameAs(failure);

        assertThat(read(ALICE, () -> todos.findAll(ALICE))).isEmpty();
    }

    @Test
    void aUnitInsideOneForAnotherTenantOrAWriteInsideAReadIsRefused() {
        assertThatThrownBy(() -> write(ALICE, () -> read(BOB, () -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another tenant");
        assertThatThrownBy(() -> read(ALICE, () -> write(ALICE, () -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside a READ one");
    }

    // --- the feed, queries and idempotency keys ---------------------------------------------------------------------

    @Test
    void aTenantKeepsItsFeedPositionWhenItHasNothingLeft() {
        Todo a = insert(newTodo(ALICE, "a"));
        assertThat(write(ALICE, () -> todos.delete(ALICE, a.id(), OptionalLong.empty(), T0))).isTrue();
        write(ALICE, () -> {
            todos.forgetDeletionsBefore(ALICE, T0.plusSeconds(1));
            return null;
        });
        long forgotten = read(ALICE, () -> todos.forgottenThrough(ALICE));
        assertThat(read(ALICE, () -> todos.changesSince(ALICE, 0, 10))).isEmpty();
        assertThat(forgotten).isPositive();

        Todo b = insert(newTodo(ALICE, "b"));

        assertThat(read(ALICE, () -> todos.changesSince(ALICE, 0, 10))).singleElement()
                .isInstanceOfSatisfying(TodoChange.Upserted.class, change -> {
                    assertThat(change.todo()).isEqualTo(b);
                    assertThat(change.position()).isGreaterThan(forgotten);
                });
    }

    @Test
    void aQueryFromAPositionInAnOrderByAnotherFieldIsRefused() {
        Todo todo = insert(newTodo(ALICE, "a"));
        TodoPosition byTitle = TodoPosition.after(new TodoSort(TodoSort.Field.TITLE, false), todo);

        assertThatThrownBy(() -> read(ALICE, () -> todos.find(ALICE, new TodoQuery(Optional.empty(),
                TodoSort.CREATION, Optional.of(byTitle), OptionalInt.empty()))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSecondRequestWithTheSameKeyWaitsForTheFirstAndGetsItsOutcome() throws Exception {
        Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
        TodoService todos = new TodoService(store.repository(), units, TodoService.Settings.of(clock));
        IdempotencyService once = new IdempotencyService(keys, units, clock, Duration.ofHours(24));
        IdempotencyKey key = new IdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324");
        List<Started<Outcome>> second = new ArrayList<>();

        Outcome first = once.once(ALICE, key, "fingerprint", () -> {
            Todo todo = todos.create(CreateTodoCommand.of(ALICE, "once", null));
            second.add(start(() -> once.once(ALICE, key, "fingerprint", () -> {
                throw new AssertionError("the second request ran");
            })));
            second.get(0).awaitWaiting();
            return todo.id().toString().getBytes(StandardCharsets.UTF_8);
        });

        Outcome replayed = second.get(0).result();
        assertThat(first.replayed()).isFalse();
        assertThat(replayed.replayed()).isTrue();
        assertThat(replayed.value()).isEqualTo(first.value());
        assertThat(todos.list(ALICE)).hasSize(1);
    }

    // --- misuse -----------------------------------------------------------------------------------------------------

    @Test
    void theRepositoryIsRefusedOutsideAUnitOfWork() {
        Todo todo = newTodo(ALICE, "nowhere");
        IdempotencyKey key = new IdempotencyKey("key");
        List<Runnable> calls = List.of(
                () -> todos.find(ALICE, todo.id()),
                () -> todos.findAll(ALICE),
                () -> todos.find(ALICE, new TodoQuery(Optional.empty(), TodoSort.CREATION, Optional.empty(),
                        OptionalInt.empty())),
                () -> todos.delete(ALICE, todo.id(), OptionalLong.empty(), T0),
                () -> todos.deleteCompleted(ALICE, T0),
                () -> todos.deleteSubtasks(ALICE, todo.id(), T0),
                () -> todos.holdWrites(ALICE),
                () -> todos.changesSince(ALICE, 0, 10),
                () -> todos.forgetDeletionsBefore(ALICE, T0),
                () -> todos.forgetDeletionsBeyond(ALICE, 1),
                () -> todos.forgottenThrough(ALICE),
                () -> keys.claim(ALICE, key),
                () -> keys.find(ALICE, key, T0),
                () -> keys.record(ALICE, key, new RecordedOutcome("f", new byte[0], T0)),
                () -> keys.forgetExpired(ALICE, T0),
                () -> keys.forgetAllBut(ALICE, 1));

        assertThat(calls).allSatisfy(call -> assertThatThrownBy(call::run)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("outside a unit of work"));
        assertThat(read(ALICE, () -> todos.findAll(ALICE))).isEmpty();
    }

    @Test
    void theRepositoryIsRefusedForAnotherTenantThanItsUnitOfWorks() {
        Todo bobs = insert(newTodo(BOB, "bob's"));

        assertThatThrownBy(() -> read(ALICE, () -> todos.find(BOB, bobs.id())))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another tenant");
        assertThatThrownBy(() -> write(ALICE, () -> todos.delete(BOB, bobs.id(), OptionalLong.empty(), T0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another tenant");
        assertThatThrownBy(() -> read(ALICE, () -> todos.changesSince(BOB, 0, 10)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another tenant");
        assertThatThrownBy(() -> write(ALICE, () -> todos.deleteSubtasks(BOB, bobs.id(), T0)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another tenant");
        assertThatThrownBy(() -> write(ALICE, () -> {
            todos.holdWrites(BOB);
            return null;
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("another tenant");
        assertThatThrownBy(() -> write(ALICE, () -> keys.claim(BOB, new IdempotencyKey("key"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another tenant");
        assertThat(read(BOB, () -> todos.findAll(BOB))).containsExactly(bobs);
    }

    @Test
    void aReadUnitCannotWriteOrLock() {
        Todo stored = insert(newTodo(ALICE, "stored"));
        Todo other = newTodo(ALICE, "other");
        IdempotencyKey key = new IdempotencyKey("key");
        List<Supplier<Object>> writes = List.of(
                () -> todos.insert(ALICE, other, 10),
                () -> todos.change(ALICE, stored.id(), OptionalLong.of(1), Edit.flip(), T0.plusSeconds(1)),
                () -> todos.delete(ALICE, stored.id(), OptionalLong.empty(), T0),
                () -> todos.deleteCompleted(ALICE, T0),
                () -> todos.deleteSubtasks(ALICE, stored.id(), T0),
                () -> {
                    todos.holdWrites(ALICE);
                    return null;
                },
                () -> {
                    todos.forgetDeletionsBefore(ALICE, T0);
                    return null;
                },
                () -> keys.claim(ALICE, key),
                () -> {
                    keys.record(ALICE, key, new RecordedOutcome("f", new byte[0], T0));
                    return null;
                },
                () -> {
                    keys.forgetExpired(ALICE, T0);
                    return null;
                },
                () -> {
                    todos.forgetDeletionsBeyond(ALICE, 1);
                    return null;
                },
                () -> {
                    keys.forgetAllBut(ALICE, 1);
                    return null;
                });

        assertThat(writes).allSatisfy(w -> assertThatThrownBy(() -> read(ALICE, w))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("READ unit of work cannot"));
        assertThat(read(ALICE, () -> todos.findAll(ALICE))).containsExactly(stored);
    }

    @Test
    void anIdTheTenantAlreadyHasIsRefusedAndTheStoredTodoKept() {
        Todo first = insert(newTodo(ALICE, "first"));
        Todo sameId = Todo.create(first.id(), ALICE, Title.of("same id"), null, T0.plusSeconds(1));

        assertThatThrownBy(() -> insert(sameId)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has a todo");
        assertThat(read(ALICE, () -> todos.findAll(ALICE))).containsExactly(first);
    }

    @Test
    void aKeyAnotherTodoOfTheTenantHasIsRefusedAndTheStoredTodosKept() {
        Todo first = insert(newTodo(ALICE, "first"));
        Todo second = insert(newTodo(ALICE, "second"));
        Todo sameKey = Todo.restore(TodoId.random(), ALICE, Title.of("same key"), null, Todo.Plan.NONE,
                first.place(), null, false, T0, T0, Todo.FIRST_VERSION);
        Todo bobs = Todo.restore(TodoId.random(), BOB, Title.of("bob's"), null, Todo.Plan.NONE, first.place(), null,
                false, T0, T0, Todo.FIRST_VERSION);

        assertThatThrownBy(() -> insert(sameKey)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has the key");
        assertThatThrownBy(() -> write(ALICE, () -> todos.change(ALICE, second.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().position(first.position())), T0.plusSeconds(1))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has the key");
        assertThat(read(ALICE, () -> todos.findAll(ALICE))).containsExactlyInAnyOrder(first, second);
        insert(bobs);
        // A key given up in a unit that is undone is taken again; given up for good, it is free.
        IllegalStateException undo = new IllegalStateException("undo");
        assertThatThrownBy(() -> write(ALICE, () -> {
            todos.change(ALICE, first.id(), OptionalLong.empty(),
                    Edit.of(TodoChanges.none().position(OrderKey.parse("Zz"))), T0.plusSeconds(2));
            throw undo;
        })).isSameAs(undo);
        assertThatThrownBy(() -> write(ALICE, () -> todos.change(ALICE, second.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().position(first.position())), T0.plusSeconds(3))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already has the key");
        write(ALICE, () -> todos.change(ALICE, first.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().position(OrderKey.parse("Zz"))), T0.plusSeconds(2)));
        write(ALICE, () -> todos.change(ALICE, second.id(), OptionalLong.empty(),
                Edit.of(TodoChanges.none().position(first.position())), T0.plusSeconds(3)));
        assertThat(read(ALICE, () -> todos.find(ALICE, second.id())).orElseThrow().position())
                .isEqualTo(first.position());
    }

    @Test
    void findAllIsAnUnmodifiableSnapshot() {
        Todo first = insert(newTodo(ALICE, "first"));
        List<Todo> listed = read(ALICE, () -> todos.findAll(ALICE));
        insert(newTodo(ALICE, "second"));

        assertThat(listed).containsExactly(first);
        assertThatThrownBy(() -> listed.add(first)).isInstanceOf(UnsupportedOperationException.class);
    }

    // --- module -----------------------------------------------------------------------------------------------------

    @Test
    void itIsTheNamedModuleDevTodoMemoryExportingOnlyItsPackage() {
        Module module = InMemoryTodoStore.class.getModule();
        ModuleDescriptor descriptor = module.getDescriptor();

        assertThat(module.getName()).isEqualTo("dev.todo.memory");
        assertThat(descriptor.exports()).extracting(ModuleDescriptor.Exports::source)
                .containsExactly("dev.todo.memory");
        assertThat(descriptor.requires()).anySatisfy(r -> {
            assertThat(r.name()).isEqualTo("dev.todo.domain");
            assertThat(r.modifiers()).contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE);
        });
        assertThat(descriptor.requires()).extracting(ModuleDescriptor.Requires::name)
                .containsOnly("dev.todo.domain", "java.base");
    }

    // --------------------------------------------------------------------------------------------------------------

    private static Todo newTodo(TenantId tenant, String title) {
        return Todo.create(TodoId.random(), tenant, Title.of(title), null, T0);
    }

    private <T> T write(TenantId tenant, Supplier<T> work) {
        return units.execute(tenant, Intent.WRITE, work);
    }

    private <T> T read(TenantId tenant, Supplier<T> work) {
        return units.execute(tenant, Intent.READ, work);
    }

    private Todo insert(Todo todo) {
        write(todo.owner(), () -> {
            assertThat(todos.insert(todo.owner(), todo, Integer.MAX_VALUE)).isTrue();
            return null;
        });
        return todo;
    }

    /** A task on a thread of its own. */
    private record Started<T>(Thread thread, FutureTask<T> future) {

        /** True once the task is done; false if it is still running after a minute, i.e. it is stuck. */
        boolean awaitDone() {
            try {
                future.get(HANG_SECONDS, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                return future.isDone();
            }
        }

        /** Waits until the task's thread waits (parked on a lock); fails if the task ends instead. */
        void awaitWaiting() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(HANG_SECONDS);
            while (thread.getState() != Thread.State.WAITING) {
                assertThat(future.isDone()).as("the task ended instead of waiting").isFalse();
                assertThat(System.nanoTime()).as("the task never waited").isLessThan(deadline);
                Thread.onSpinWait();
            }
        }

        T result() throws Exception {
            try {
                return future.get(HANG_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
        }

        T resultUnchecked() {
            try {
                return result();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static <T> Started<T> start(Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        Thread thread = new Thread(future, "in-memory-store-test");
        thread.setDaemon(true);
        thread.start();
        return new Started<>(thread, future);
    }
}
