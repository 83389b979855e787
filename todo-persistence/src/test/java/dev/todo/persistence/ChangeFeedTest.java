package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.ChangesForgottenException;
import dev.todo.domain.model.QuotaExceededException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoLimits;
import dev.todo.domain.port.in.ChangeBatch;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.service.TodoService;
import io.micronaut.context.ApplicationContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The change feed, the quota and bulk deletion on PostgreSQL, under concurrent writers. */
class ChangeFeedTest {

    private static ApplicationContext context;
    private static JdbcTodoRepository repository;
    private static JdbcUnitOfWork unitOfWork;
    private static final AtomicReference<Instant> NOW = new AtomicReference<>(Instant.parse("2026-02-01T00:00:00Z"));
    private static final Clock CLOCK = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return NOW.get();
        }
    };

    @BeforeAll
    static void start() {
        context = PostgresTestSupport.start(TestPostgres.createDatabase());
        repository = context.getBean(JdbcTodoRepository.class);
        unitOfWork = context.getBean(JdbcUnitOfWork.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static TodoService service(int maxTodos, Duration retention) {
        return new TodoService(repository, unitOfWork, TodoService.Settings.of(CLOCK).withLimits(new TodoLimits(maxTodos, retention)));
    }

    private static TenantId newTenant() {
        return TenantId.of("feed-" + UUID.randomUUID());
    }

    /** A client's copy of the tenant's todos, kept by following the feed. */
    private static final class Replica {
        final Map<TodoId, Todo> todos = new HashMap<>();
        OptionalLong position = OptionalLong.empty();

        void sync(TodoService service, TenantId tenant, int batchSize) {
            ChangeBatch batch;
            do {
                batch = service.changesSince(tenant, position, batchSize);
                long last = position.orElse(0);
                for (TodoChange change : batch.changes()) {
                    assertThat(change.position()).isGreaterThan(last);
                    last = change.position();
                    switch (change) {
                        case TodoChange.Upserted upserted -> todos.put(upserted.todo().id(), upserted.todo());
                        case TodoChange.Removed removed -> todos.remove(removed.id());
                    }
                }
                position = OptionalLong.of(batch.next());
            } while (batch.hasMore());
        }
    }

    @Test
    void aClientThatInterleavesSyncsWithWritesEndsWithTheServersTodos() {
        TodoService service = service(10_000, Duration.ofDays(30));
        TenantId tenant = newTenant();
        Replica replica = new Replica();
        Random random = new Random(7);
        List<TodoId> ids = new ArrayList<>();
        for (int step = 0; step < 200; step++) {
            int action = random.nextInt(10);
            if (ids.isEmpty() || action < 4) {
                ids.add(service.create(CreateTodoCommand.of(tenant, "todo " + step, null)).id());
            } else if (action < 7) {
                service.update(new UpdateTodoCommand(tenant, ids.get(random.nextInt(ids.size())),
                        TodoChanges.none().completed(random.nextBoolean())));
            } else if (action < 9) {
                service.delete(tenant, ids.remove(random.nextInt(ids.size())));
            } else {
                service.clearCompleted(tenant);
                ids.retainAll(service.list(tenant).stream().map(Todo::id).toList());
            }
            NOW.set(NOW.get().plusMillis(1));
            if (random.nextInt(7) == 0) {
                replica.sync(service, tenant, 1 + random.nextInt(5));
            }
        }
        replica.sync(service, tenant, 3);
        assertThat(replica.todos.values()).containsExactlyInAnyOrderElementsOf(service.list(tenant));
    }

    @Test
    void concurrentWritersGetUniquePositionsAndNoChangeIsMissed() throws Exception {
        TodoService service = service(10_000, Duration.ofDays(30));
        TenantId tenant = newTenant();
        Replica replica = new Replica();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 15; i++) {
                        Todo todo = service.create(CreateTodoCommand.of(tenant, "w" + writer + " #" + i, null));
                        service.update(new UpdateTodoCommand(tenant, todo.id(), TodoChanges.none().completed(true)));
                        if (i % 4 == 0) {
                            service.delete(tenant, todo.id());
                        }
                    }
                    return null;
                }));
            }
            // The reader follows the feed while the writers write.
            while (writers.stream().anyMatch(f -> !f.isDone())) {
                replica.sync(service, tenant, 7);
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
        } finally {
            pool.shutdownNow();
        }
        replica.sync(service, tenant, 7);
        assertThat(replica.todos.values()).containsExactlyInAnyOrderElementsOf(service.list(tenant));
        assertThat(service.list(tenant)).hasSize(6 * 11);
    }

    @Test
    void concurrentCreatesAtTheQuotaNeverExceedIt() throws Exception {
        TodoService service = service(10, Duration.ofDays(30));
        TenantId tenant = newTenant();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int created = 0;
        int refused = 0;
        try {
            List<Future<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int n = i;
                attempts.add(pool.submit(() -> {
                    try {
                        service.create(CreateTodoCommand.of(tenant, "attempt " + n, null));
                        return true;
                    } catch (QuotaExceededException e) {
                        return false;
                    }
                }));
            }
            for (Future<Boolean> attempt : attempts) {
                if (attempt.get()) {
                    created++;
                } else {
                    refused++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(created).isEqualTo(10);
        assertThat(refused).isEqualTo(30);
        assertThat(service.list(tenant)).hasSize(10);
    }

    @Test
    void clearCompletedLeavesATombstoneForEachAtItsOwnPosition() {
        TodoService service = service(10_000, Duration.ofDays(30));
        TenantId tenant = newTenant();
        for (int i = 0; i < 5; i++) {
            Todo todo = service.create(CreateTodoCommand.of(tenant, "done " + i, null));
            service.update(new UpdateTodoCommand(tenant, todo.id(), TodoChanges.none().completed(true)));
        }
        Todo open = service.create(CreateTodoCommand.of(tenant, "open", null));
        long before = service.changesSince(tenant, OptionalLong.empty(), 500).next();
        assertThat(service.clearCompleted(tenant)).isEqualTo(5);
        ChangeBatch batch = service.changesSince(tenant, OptionalLong.of(before), 500);
        assertThat(batch.changes()).hasSize(5).allMatch(c -> c instanceof TodoChange.Removed);
        assertThat(batch.changes()).extracting(TodoChange::position).doesNotHaveDuplicates()
                .isSorted().allMatch(p -> p > before);
        assertThat(service.list(tenant)).containsExactly(open);
        Todo again = service.create(CreateTodoCommand.of(tenant, "after the clear", null));
        assertThat(service.changesSince(tenant, OptionalLong.of(batch.next()), 10).changes())
                .containsExactly(new TodoChange.Upserted(again, batch.next() + 1));
    }

    @Test
    void deletionsOlderThanTheRetentionAreForgottenAndOldPositionsExpire() {
        TodoService service = service(10_000, Duration.ofDays(1));
        TenantId tenant = newTenant();
        Todo first = service.create(CreateTodoCommand.of(tenant, "first", null));
        long seen = service.changesSince(tenant, OptionalLong.empty(), 10).next();
        service.delete(tenant, first.id());
        NOW.set(NOW.get().plus(Duration.ofDays(2)));
        Todo second = service.create(CreateTodoCommand.of(tenant, "second", null));
        service.delete(tenant, second.id());
        assertThatThrownBy(() -> service.changesSince(tenant, OptionalLong.of(seen), 10))
                .isInstanceOf(ChangesForgottenException.class);
        ChangeBatch fromScratch = service.changesSince(tenant, OptionalLong.empty(), 10);
        assertThat(fromScratch.changes()).hasSize(1)
                .allSatisfy(c -> assertThat(c).isEqualTo(new TodoChange.Removed(second.id(), NOW.get(), 4)));
        assertThat(service.changesSince(tenant, OptionalLong.of(fromScratch.next()), 10).changes()).isEmpty();
    }
}
