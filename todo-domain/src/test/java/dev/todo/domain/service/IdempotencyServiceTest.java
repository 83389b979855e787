package dev.todo.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.IdempotencyKeyInFlightException;
import dev.todo.domain.model.IdempotencyKeyReusedException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.ExecuteOnceUseCase.Outcome;
import dev.todo.domain.port.out.IdempotencyKeys;
import dev.todo.domain.port.out.RecordedOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IdempotencyServiceTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("bob");
    private static final IdempotencyKey KEY = new IdempotencyKey("8e03978e-40d5-43e8-bc93-6894a57f9324");

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T00:00:00Z"));
    private final Clock clock = new Clock() {
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
            return now.get();
        }
    };

    /** Keys beside the store's todos; a claim held elsewhere is simulated by {@link #busy}. */
    private final class Keys implements IdempotencyKeys {
        final Map<String, RecordedOutcome> records = new HashMap<>();
        boolean busy;

        private String id(TenantId tenant, IdempotencyKey key) {
            return tenant + "\n" + key;
        }

        @Override
        public boolean claim(TenantId tenant, IdempotencyKey key) {
            return !busy;
        }

        @Override
        public Optional<RecordedOutcome> find(TenantId tenant, IdempotencyKey key, Instant at) {
            return Optional.ofNullable(records.get(id(tenant, key))).filter(r -> r.expiresAt().isAfter(at));
        }

        @Override
        public void record(TenantId tenant, IdempotencyKey key, RecordedOutcome outcome) {
            records.put(id(tenant, key), outcome);
        }

        @Override
        public void forgetAllBut(TenantId tenant, int keep) {
            List<String> mine = records.entrySet().stream().filter(e -> e.getKey().startsWith(tenant + "\n"))
                    .sorted(Map.Entry.comparingByValue(java.util.Comparator.comparing(RecordedOutcome::expiresAt)))
                    .map(Map.Entry::getKey).toList();
            mine.subList(0, Math.max(0, mine.size() - keep)).forEach(records::remove);
        }

        @Override
        public void forgetExpired(TenantId tenant, Instant at) {
            records.values().removeIf(r -> !r.expiresAt().isAfter(at));
        }
    }

    private final InMemoryTodoStore store = new InMemoryTodoStore();
    private final Keys keys = new Keys();
    private final TodoService todos = new TodoService(store, store, TodoService.Settings.of(clock));
    private final IdempotencyService once = new IdempotencyService(keys, store, clock, Duration.ofHours(24));
    private final AtomicInteger runs = new AtomicInteger();

    private byte[] createTodo(TenantId tenant) {
        runs.incrementAndGet();
        return todos.create(CreateTodoCommand.of(tenant, "once", null)).id().toString()
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aRetryGetsTheFirstOutcomeAndDoesNothing() {
        Outcome first = once.once(ALICE, KEY, "POST /todos {a}", () -> createTodo(ALICE));
        Outcome retry = once.once(ALICE, KEY, "POST /todos {a}", () -> createTodo(ALICE));
        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.value()).isEqualTo(first.value());
        assertThat(runs).hasValue(1);
        assertThat(todos.list(ALICE)).hasSize(1);
    }

    @Test
    void theSameKeyWithAnotherRequestIsRefused() {
        once.once(ALICE, KEY, "POST /todos {a}", () -> createTodo(ALICE));
        assertThatThrownBy(() -> once.once(ALICE, KEY, "POST /todos {b}", () -> createTodo(ALICE)))
                .isInstanceOf(IdempotencyKeyReusedException.class);
        assertThat(todos.list(ALICE)).hasSize(1);
    }

    @Test
    void keysBelongToTheirTenant() {
        once.once(ALICE, KEY, "POST /todos {a}", () -> createTodo(ALICE));
        Outcome bobs = once.once(BOB, KEY, "POST /todos {a}", () -> createTodo(BOB));
        assertThat(bobs.replayed()).isFalse();
        assertThat(todos.list(BOB)).hasSize(1);
    }

    @Test
    void aKeyInFlightIsRefusedWithoutRunningTheWork() {
        keys.busy = true;
        assertThatThrownBy(() -> once.once(ALICE, KEY, "x", () -> createTodo(ALICE)))
                .isInstanceOf(IdempotencyKeyInFlightException.class);
        assertThat(runs).hasValue(0);
    }

    @Test
    void aFailureRecordsNothingSoARetryRunsAgain() {
        assertThatThrownBy(() -> once.once(ALICE, KEY, "x", () -> {
            createTodo(ALICE);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(todos.list(ALICE)).isEmpty();
        assertThat(keys.records).isEmpty();
        assertThat(once.once(ALICE, KEY, "x", () -> createTodo(ALICE)).replayed()).isFalse();
        assertThat(todos.list(ALICE)).hasSize(1);
    }

    @Test
    void anExpiredKeyRunsAgain() {
        once.once(ALICE, KEY, "x", () -> createTodo(ALICE));
        now.set(now.get().plus(Duration.ofHours(25)));
        assertThat(once.once(ALICE, KEY, "x", () -> createTodo(ALICE)).replayed()).isFalse();
        assertThat(todos.list(ALICE)).hasSize(2);
    }

    @Test
    void keysAreVisibleAsciiOfAtMost255Characters() {
        assertThat(new IdempotencyKey("a".repeat(255)).value()).hasSize(255);
        for (String bad : new String[] {"", "a".repeat(256), "with space", "tab\t", "é"}) {
            assertThatThrownBy(() -> new IdempotencyKey(bad)).isInstanceOf(ValidationException.class);
        }
    }
}
