package dev.todo.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One bad input field of a request.
 *
 * @param field   the JSON member, path parameter or header at fault ({@code title}, {@code id}, {@code X-User-ID}, …)
 * @param message what is wrong with it
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "FieldError", description = "One bad input field.", requiredProperties = {"field", "message"})
public record FieldError(
        @Schema(description = "The JSON member, path parameter or header at fault.", example = "title") String field,
        @Schema(description = "What is wrong with it.", example = "must not be blank") String message) {
}
