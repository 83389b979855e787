package dev.todo.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.IdempotencyKeyInFlightException;
import dev.todo.domain.model.IdempotencyKeyReusedException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.ExecuteOnceUseCase.Outcome;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import dev.todo.domain.service.IdempotencyService;
import dev.todo.domain.service.TodoService;
import io.micronaut.context.ApplicationContext;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Idempotency keys on PostgreSQL: recorded with the write, claimed without waiting, scoped to the tenant. */
class JdbcIdempotencyTest {

    private static ApplicationContext context;
    private static JdbcUnitOfWork unitOfWork;
    private static JdbcIdempotencyKeys keys;
    private static TodoService todos;
    private static IdempotencyService once;

    @BeforeAll
    static void start() {
        context = PostgresTestSupport.start(TestPostgres.createDatabase());
        unitOfWork = context.getBean(JdbcUnitOfWork.class);
        keys = context.getBean(JdbcIdempotencyKeys.class);
        todos = new TodoService(context.getBean(JdbcTodoRepository.class), unitOfWork, TodoService.Settings.of(Clock.systemUTC()));
        once = new IdempotencyService(keys, unitOfWork, Clock.systemUTC(), Duration.ofHours(24));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static TenantId newTenant() {
        return TenantId.of("idem-" + UUID.randomUUID());
    }

    private static IdempotencyKey newKey() {
        return new IdempotencyKey(UUID.randomUUID().toString());
    }

    private static byte[] create(TenantId tenant) {
        return todos.create(CreateTodoCommand.of(tenant, "once", null)).id().toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theOutcomeIsRecordedWithTheWriteAndReplayed() {
        TenantId tenant = newTenant();
        IdempotencyKey key = newKey();
        Outcome first = once.once(tenant, key, "fp", () -> create(tenant));
        Outcome retry = once.once(tenant, key, "fp", () -> create(tenant));
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.value()).isEqualTo(first.value());
        assertThat(todos.list(tenant)).hasSize(1);
        assertThatThrownBy(() -> once.once(tenant, key, "other", () -> create(tenant)))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        TenantId other = newTenant();
        assertThat(once.once(other, key, "fp", () -> create(other)).replayed()).isFalse();
        assertThat(todos.list(other)).hasSize(1);
    }

    @Test
    void aUnitOfWorkForAnotherTenantCannotJoinAnOpenOne() {
        TenantId tenant = newTenant();
        TenantId intruder = newTenant();
        assertThatThrownBy(() -> once.once(tenant, newKey(), "fp", () -> create(intruder)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("another tenant");
        assertThat(todos.list(tenant)).isEmpty();
        assertThat(todos.list(intruder)).isEmpty();
    }

    @Test
    void aFailedWriteLeavesNeitherTheTodoNorTheKey() {
        TenantId tenant = newTenant();
        IdempotencyKey key = newKey();
        assertThatThrownBy(() -> once.once(tenant, key, "fp", () -> {
            create(tenant);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(todos.list(tenant)).isEmpty();
        assertThat(once.once(tenant, key, "fp", () -> create(tenant)).replayed()).isFalse();
        assertThat(todos.list(tenant)).hasSize(1);
    }

    @Test
    void aKeyHeldByAnotherTransactionIsInFlightAtOnce() throws Exception {
        TenantId tenant = newTenant();
        IdempotencyKey key = newKey();
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> once.once(tenant, key, "fp", () -> {
            claimed.countDown();
            try {
                assertThat(release.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return create(tenant);
        }));
        assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> once.once(tenant, key, "fp", () -> create(tenant)))
                .isInstanceOf(IdempotencyKeyInFlightException.class);
        assertThat(unitOfWork.execute(tenant, Intent.WRITE, () -> keys.claim(tenant, newKey()))).isTrue();
        release.countDown();
        Outcome done = first.get(30, TimeUnit.SECONDS);
        assertThat(once.once(tenant, key, "fp", () -> create(tenant)).value()).isEqualTo(done.value());
        assertThat(todos.list(tenant)).hasSize(1);
    }
}
