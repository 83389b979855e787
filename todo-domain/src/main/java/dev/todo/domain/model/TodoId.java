package dev.todo.domain.model;

import java.util.Objects;
import java.util.UUID;

/** The identity of a todo: a UUID, unique within its tenant (in practice unique everywhere, being random). */
public record TodoId(UUID value) implements Comparable<TodoId> {

    /** The field name that violations of this rule carry. */
    public static final String FIELD = "id";

    /**
     * Checks that there is a UUID.
     * @throws NullPointerException if {@code value} is null
     */
    public TodoId {
        Objects.requireNonNull(value, "value");
    }

    /** {@return a new random (version 4) id} */
    public static TodoId random() {
        return new TodoId(UUID.randomUUID());
    }

    /**
     * Reads an id in the canonical 8-4-4-4-12 hexadecimal form.
     * @throws ValidationException if the text is not a UUID in canonical form
     */
    public static TodoId parse(String text) {
        // UUID.fromString accepts forms such as "1-1-1-1-1" or a sign before a group; only the canonical
        // 36-character hexadecimal form is an id here.
        if (text == null || text.length() != 36) {
            throw ValidationException.of(FIELD, "must be a UUID");
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : !isHexDigit(c)) {
                throw ValidationException.of(FIELD, "must be a UUID");
            }
        }
        return new TodoId(UUID.fromString(text));
    }

    /** Compares ids byte by byte, unsigned: the order of their canonical text and of PostgreSQL's {@code uuid}. */
    @Override
    public int compareTo(TodoId other) {
        int high = Long.compareUnsigned(value.getMostSignificantBits(), other.value.getMostSignificantBits());
        return high != 0 ? high
                : Long.compareUnsigned(value.getLeastSignificantBits(), other.value.getLeastSignificantBits());
    }

    private static boolean isHexDigit(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
