/** The use cases in plain Java: {@link dev.todo.domain.service.TodoService} implements every in-port. */
package dev.todo.domain.service;
