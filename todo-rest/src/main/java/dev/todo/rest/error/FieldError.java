package dev.todo.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/** One bad input field of a request. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record FieldError(String field, String message) {

    /** Keeps the text well-formed: a member name of the request may hold a lone surrogate ({@link #wellFormed}). */
    public FieldError {
        field = wellFormed(field);
        message = wellFormed(message);
    }

    /** Replaces each lone half of a surrogate pair, which has no UTF-8 form, with U+FFFD. */
    static String wellFormed(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (out != null) {
                    out.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                out.append('\uFFFD');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }
}
