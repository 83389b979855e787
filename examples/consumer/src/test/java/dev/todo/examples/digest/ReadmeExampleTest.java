package dev.todo.examples.digest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.Todo;
import dev.todo.domain.port.in.CreateTodoCommand;
import dev.todo.domain.service.TodoService;
import dev.todo.memory.InMemoryTodoStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The example of the README's "Using the domain in your service", line for line, compiles here and runs. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleCreatesAndListsATodo() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            InMemoryTodoStore store = new InMemoryTodoStore();                     // dev.todo.memory
            TodoService todos = new TodoService(store.repository(), store.unitOfWork(),  // dev.todo.domain.service
                    TodoService.Settings.of(Clock.systemUTC()));
            TenantId alice = TenantId.of("alice");                                 // dev.todo.domain.model

            Todo milk = todos.create(CreateTodoCommand.of(alice, "Buy milk", "Two litres"));
            todos.toggle(alice, milk.id());                                        // done now
            for (Todo todo : todos.list(alice)) {                                  // alice's todos only, oldest first
                System.out.println(todo.title() + (todo.completed() ? " (done)" : ""));
            }
        } finally {
            System.setOut(original);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEqualTo("Buy milk (done)" + System.lineSeparator());
    }
}
