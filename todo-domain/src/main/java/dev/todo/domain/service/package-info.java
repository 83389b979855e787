/**
 * The use cases, implemented in plain Java: {@link dev.todo.domain.service.TodoService} implements every in-port of
 * {@link dev.todo.domain.port.in} on top of the out-ports of {@link dev.todo.domain.port.out}.
 */
package dev.todo.domain.service;
