/** Todos in memory: {@link dev.todo.memory.InMemoryTodoStore} and its three out-ports. */
package dev.todo.memory;
