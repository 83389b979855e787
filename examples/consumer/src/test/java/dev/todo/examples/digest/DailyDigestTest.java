package dev.todo.examples.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.service.TodoService;
import dev.todo.memory.InMemoryTodoStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DailyDigestTest {

    private static final Instant MONDAY = Instant.parse("2026-01-19T08:00:00Z");
    private static final TenantId ALICE = TenantId.of("alice");
    private static final TenantId BOB = TenantId.of("auth0|bob");

    private final InMemoryTodoStore store = new InMemoryTodoStore();

    private TodoService todosAt(Instant now) {
        return new TodoService(store.repository(), store.unitOfWork(),
                TodoService.Settings.of(Clock.fixed(now, ZoneOffset.UTC)));
    }

    @Test
    void theDigestListsTheTenantsOpenTodosOldestFirstWithTheirAge() {
        Todo milk = todosAt(MONDAY).create(CreateTodoCommand.of(ALICE, "Buy milk", "Two litres"));
        Todo call = todosAt(MONDAY.plus(Duration.ofDays(1))).create(CreateTodoCommand.of(ALICE, "Call Bob", null));
        Todo plants = todosAt(MONDAY.plus(Duration.ofDays(2))).create(CreateTodoCommand.of(ALICE, "Water", ""));
        todosAt(MONDAY).create(CreateTodoCommand.of(BOB, "Bob's own", null));
        todosAt(MONDAY.plus(Duration.ofDays(3)))
                .update(new UpdateTodoCommand(ALICE, call.id(), TodoChanges.none().completed(true)));

        Instant thursday = MONDAY.plus(Duration.ofDays(3)).plusSeconds(3600);
        DailyDigest digest = new DailyDigest(todosAt(thursday), Clock.fixed(thursday, ZoneOffset.UTC));

        assertThat(digest.open(ALICE)).extracting(Todo::id).containsExactly(milk.id(), plants.id());
        assertThat(digest.render(ALICE)).isEqualTo("""
                2 open todos for alice, oldest first:
                - Buy milk (Two litres), open 3 days
                - Water, open 1 day
                """);
        assertThat(digest.render(BOB)).isEqualTo("""
                1 open todo for auth0|bob, oldest first:
                - Bob's own, open 3 days
                """);
    }

    @Test
    void aTenantWithNothingOpenIsToldSo() {
        Todo done = todosAt(MONDAY).create(CreateTodoCommand.of(ALICE, "Done already", null));
        todosAt(MONDAY).update(new UpdateTodoCommand(ALICE, done.id(), TodoChanges.none().completed(true)));

        DailyDigest digest = new DailyDigest(todosAt(MONDAY), Clock.fixed(MONDAY, ZoneOffset.UTC));

        assertThat(digest.render(ALICE)).isEqualTo("Nothing open for alice.\n");
        assertThat(digest.render(TenantId.of("carol"))).isEqualTo("Nothing open for carol.\n");
    }

    @Test
    void mainWiresTheUseCasesOnTheInMemoryAdapter() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Main.run(new TickingClock(MONDAY), new PrintStream(bytes, true, StandardCharsets.UTF_8));

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                2 open todos for alice, oldest first:
                - Buy milk (Two litres), open 0 days
                - Water the plants, open 0 days
                """);
    }

    /** A second later at each reading, so that todos created one after another are listed in that order. */
    private static final class TickingClock extends Clock {
        private final Instant start;
        private final AtomicLong readings = new AtomicLong();

        TickingClock(Instant start) {
            this.start = start;
        }

        @Override
        public Instant instant() {
            return start.plusSeconds(readings.getAndIncrement());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
