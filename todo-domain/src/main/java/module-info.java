/** The Todo domain: model, in-ports, out-ports and the services; plain Java 17 with no dependencies. */
module dev.todo.domain {
    exports dev.todo.domain.model;
    exports dev.todo.domain.port.in;
    exports dev.todo.domain.port.out;
    exports dev.todo.domain.service;
}
