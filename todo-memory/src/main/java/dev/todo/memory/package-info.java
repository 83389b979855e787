/**
 * Todos in memory: {@link dev.todo.memory.InMemoryTodoStore} and its three out-ports, thread-safe and tenant-isolated.
 */
package dev.todo.memory;
