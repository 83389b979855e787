package dev.todo.examples.digest;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.service.TodoService;
import dev.todo.memory.InMemoryTodoStore;
import java.io.PrintStream;
import java.time.Clock;

/** Wires the use cases on the in-memory adapter, adds a few todos and prints the digest. */
public final class Main {

    private Main() {
    }

    /**
     * Prints the digest of a small example.
     *
     * @param args not used
     */
    public static void main(String[] args) {
        run(Clock.systemUTC(), System.out);
    }

    static void run(Clock clock, PrintStream out) {
        InMemoryTodoStore store = new InMemoryTodoStore();
        TodoService todos = new TodoService(store.repository(), store.unitOfWork(), TodoService.Settings.of(clock));
        TenantId alice = TenantId.of("alice");

        todos.create(CreateTodoCommand.of(alice, "Buy milk", "Two litres"));
        Todo call = todos.create(CreateTodoCommand.of(alice, "Call the plumber", null));
        todos.create(CreateTodoCommand.of(alice, "Water the plants", ""));
        todos.toggle(alice, call.id());

        out.print(new DailyDigest(todos, clock).render(alice));
    }
}
