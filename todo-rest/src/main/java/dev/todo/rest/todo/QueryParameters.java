package dev.todo.rest.todo;

import dev.todo.rest.error.FieldError;
import io.micronaut.http.HttpParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What every route's query string shares: each parameter known and given once, and numbers in ASCII digits only. {@link Integer#parseInt} also reads other scripts' digits
 * ({@code ٥}, {@code ५}, {@code ５}) and a sign, which no client means and which would let the same number be written
 * in many ways; those are refused like any other bad value.
 */
final class QueryParameters {

    /** Enough digits for any value of the ranges used here, few enough to stay within an int. */
    private static final int MAX_DIGITS = 9;

    private QueryParameters() {
    }

    /** A field error for each parameter not in {@code known} or given more than once; a list to add to. */
    static List<FieldError> unknownOrRepeated(HttpParameters parameters, Set<String> known) {
        List<FieldError> errors = new ArrayList<>();
        for (String name : parameters.names()) {
            if (!known.contains(name)) {
                errors.add(new FieldError(name, "is not a known parameter"));
            } else if (parameters.getAll(name).size() > 1) {
                errors.add(new FieldError(name, "must be given once"));
            }
        }
        return errors;
    }

    /** The value, or empty when it is not 1 to 9 ASCII digits or is outside {@code min}–{@code max}. */
    static OptionalInt wholeNumber(String text, int min, int max) {
        if (text.isEmpty() || text.length() > MAX_DIGITS) {
            return OptionalInt.empty();
        }
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            value = value * 10 + (c - '0');
        }
        return value >= min && value <= max ? OptionalInt.of(value) : OptionalInt.empty();
    }
}
