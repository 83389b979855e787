/** The {@link dev.todo.domain.model.Todo} aggregate, its value types (each valid once built), and the domain's errors. */
package dev.todo.domain.model;
