/**
 * An example service that uses the Todo domain as a library, on the module path: it reads only what the domain and
 * the in-memory adapter export. It is an application, so it exports nothing itself.
 */
module dev.todo.examples.digest {
    requires dev.todo.domain;
    requires dev.todo.memory;
}
