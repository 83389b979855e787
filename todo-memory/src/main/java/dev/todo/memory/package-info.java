/**
 * Todos in memory: {@link dev.todo.memory.InMemoryTodoStore}, a thread-safe, tenant-isolated
 * {@link dev.todo.domain.port.out.TodoRepository} and {@link dev.todo.domain.port.out.UnitOfWork} in one object.
 */
package dev.todo.memory;
