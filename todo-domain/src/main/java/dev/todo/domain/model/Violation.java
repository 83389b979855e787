package dev.todo.domain.model;

import java.util.Objects;

/**
 * One broken rule of one input field.
 * @param field the name of the field, as the domain knows it ({@code title}, {@code description}, …)
 */
public record Violation(String field, String message) {

    /**
     * Checks that both members are there.
     * @throws NullPointerException if either member is null
     */
    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
