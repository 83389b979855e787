/**
 * The Todo model: the {@link dev.todo.domain.model.Todo} aggregate, its identity and value types, the tenant, and
 * the errors the domain raises. Every value type validates itself on construction, so an instance that exists is
 * valid.
 */
package dev.todo.domain.model;
