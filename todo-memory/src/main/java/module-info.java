/**
 * An in-memory adapter for the Todo domain: {@link dev.todo.memory.InMemoryTodoStore} implements the domain's out-ports
 * without a database. It reads the domain transitively, since its API speaks the domain's types.
 */
module dev.todo.memory {
    requires transitive dev.todo.domain;

    exports dev.todo.memory;
}
