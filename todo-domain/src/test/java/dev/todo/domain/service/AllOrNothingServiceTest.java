package dev.todo.domain.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.model.TodoChanges;
import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoNotFoundException;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.port.in.UpdateTodoCommand;
import dev.todo.domain.port.out.UnitOfWork.Intent;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Several in-port calls as one unit of work: all kept, or none when one fails. */
class AllOrNothingServiceTest {

    private static final TenantId ALICE = TenantId.of("alice");

    private final InMemoryTodoStore store = new InMemoryTodoStore();
    private final TodoService service = new TodoService(store, store, TodoService.Settings.of(Clock.systemUTC()));
    private final AllOrNothingService together = new AllOrNothingService(store);

    @Test
    void everyCallIsKeptWhenAllSucceed() {
        List<Todo> created = together.allOrNothing(ALICE, () -> List.of(
                service.create(CreateTodoCommand.of(ALICE, "One", null)),
                service.create(CreateTodoCommand.of(ALICE, "Two", null))));
        assertThat(service.list(ALICE)).containsExactlyInAnyOrderElementsOf(created);
        assertThat(store.units()).first().isEqualTo(new InMemoryTodoStore.Unit(ALICE, Intent.WRITE));
    }

    @Test
    void aFailingCallUndoesTheCallsBeforeIt() {
        Todo kept = service.create(CreateTodoCommand.of(ALICE, "Kept", null));
        assertThatThrownBy(() -> together.allOrNothing(ALICE, () -> {
            service.create(CreateTodoCommand.of(ALICE, "Undone", null));
            service.update(new UpdateTodoCommand(ALICE, kept.id(), TodoChanges.none().completed(true)));
            return service.update(new UpdateTodoCommand(ALICE, TodoId.random(), TodoChanges.none().completed(true)));
        })).isInstanceOf(TodoNotFoundException.class);
        assertThat(service.list(ALICE)).containsExactly(kept);
    }
}
