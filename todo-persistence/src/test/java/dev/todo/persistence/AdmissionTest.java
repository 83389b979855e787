package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.StorageBusyException;
import dev.todo.domain.model.StorageUnavailableException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Units of work take turns at the pool's connections (one turn per connection): while every turn is taken, the
 * next waits in line and gets the first turn given back; one that waits past the admission timeout is told the store
 * is busy, not that it cannot be reached, while the database answers; and unavailable when it does not.
 */
class AdmissionTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("bob");

    @Test
    void whenEveryTurnIsTakenTheNextWaitsItsTurnOrIsToldTheStoreIsBusy() throws Exception {
        TestPostgres.Database database = TestPostgres.createDatabase();
        PostgresTestSupport.migrate(database);
        Map<String, Object> properties = new HashMap<>(database.dataSourceProperties());
        properties.put("datasources.default.maximum-pool-size", 2);
        properties.put("todo.database.admission-timeout", "300ms");
        ExecutorService threads = Executors.newCachedThreadPool();
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            JdbcUnitOfWork unitOfWork = context.getBean(JdbcUnitOfWork.class);
            JdbcTodoRepository repository = context.getBean(JdbcTodoRepository.class);
            CountDownLatch holding = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            List<Future<Integer>> holders = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                holders.add(threads.submit(() -> unitOfWork.execute(ALICE, Intent.WRITE, () -> {
                    int seen = repository.findAll(ALICE).size();
                    holding.countDown();
                    await(release);
                    return seen;
                })));
            }
            assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

            // Both turns taken, the database answering: busy, not unavailable, and the work never ran.
            List<String> ran = new ArrayList<>();
            assertThatThrownBy(() -> unitOfWork.execute(BOB, Intent.READ, () -> ran.add("ran")))
                    .isInstanceOf(StorageBusyException.class);
            assertThat(ran).isEmpty();

            // One waiting in line gets the first turn given back.
            Future<Integer> waiting = threads.submit(() -> unitOfWork.execute(BOB, Intent.READ,
                    () -> repository.findAll(BOB).size()));
            while (unitOfWork.waiting() == 0 && !waiting.isDone()) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertThat(waiting.get(30, TimeUnit.SECONDS)).isZero();
            for (Future<Integer> holder : holders) {
                assertThat(holder.get(30, TimeUnit.SECONDS)).isZero();
            }
            assertThat(unitOfWork.waiting()).isZero();
            // Every turn came back: as many units of work as connections at once, again.
            assertThat(unitOfWork.execute(ALICE, Intent.READ, () -> repository.findAll(ALICE).size())).isZero();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aWaitThatRunsOutWhileTheDatabaseIsAwayIsUnavailableNotBusy() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ExecutorService threads = Executors.newCachedThreadPool();
        try (ApplicationContext context = ApplicationContext.run(Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/todo",
                "datasources.default.username", "todo",
                "datasources.default.password", "",
                "datasources.default.dialect", "POSTGRES",
                "datasources.default.maximum-pool-size", 1,
                "datasources.default.connection-timeout", 500,
                "datasources.default.initialization-fail-timeout", -1,
                "todo.database.admission-timeout", "100ms"))) {
            JdbcUnitOfWork unitOfWork = context.getBean(JdbcUnitOfWork.class);
            JdbcTodoRepository repository = context.getBean(JdbcTodoRepository.class);
            assertThatThrownBy(() -> unitOfWork.execute(ALICE, Intent.READ, () -> repository.findAll(ALICE)))
                    .isInstanceOf(StorageUnavailableException.class);
            // One turn, each holder waiting 500 ms for a connection that never comes: one of the two waits past
            // the admission timeout, after the database's last answer was a failure.
            Future<?> first = threads.submit(() -> unitOfWork.execute(ALICE, Intent.READ,
                    () -> repository.findAll(ALICE)));
            Future<?> second = threads.submit(() -> unitOfWork.execute(BOB, Intent.READ,
                    () -> repository.findAll(BOB)));
            for (Future<?> call : List.of(first, second)) {
                assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(StorageUnavailableException.class);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
