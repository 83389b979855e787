/**
 * The Todo domain: the {@code Todo} aggregate and its value types, the use cases (in-ports), what the use cases need
 * from storage (out-ports), and {@link dev.todo.domain.service.TodoService}, which implements the use cases on top of
 * the out-ports. Plain Java 17 with no dependencies.
 *
 * <p>Only the four packages below are the library's API; any other package that appears in this module is an
 * implementation detail, hidden from other modules. On the class path the jar works as well, without that wall.
 */
module dev.todo.domain {
    exports dev.todo.domain.model;
    exports dev.todo.domain.port.in;
    exports dev.todo.domain.port.out;
    exports dev.todo.domain.service;
}
