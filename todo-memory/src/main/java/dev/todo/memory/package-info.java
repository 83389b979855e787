/**
 * Todos in memory: {@link dev.todo.memory.InMemoryTodoStore}, a thread-safe, tenant-isolated
 * {@link dev.todo.domain.port.out.TodoRepository}, {@link dev.todo.domain.port.out.UnitOfWork} and
 * {@link dev.todo.domain.port.out.IdempotencyKeys} in one object.
 */
package dev.todo.memory;
