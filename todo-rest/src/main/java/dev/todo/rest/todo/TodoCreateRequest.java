package dev.todo.rest.todo;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/todos}, as the OpenAPI document describes it; read by {@link TodoRequests#create},
 * which enforces exactly this shape.
 */
@Introspected
@Schema(name = "TodoCreate", description = "A new todo. Members other than these are refused (422).",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE, requiredProperties = {"title"})
public record TodoCreateRequest(
        @Schema(description = "1 to 255 characters, not blank. " + TodoRequests.TITLE_RULES, minLength = 1, maxLength = 255,
                example = "Buy milk", requiredMode = Schema.RequiredMode.REQUIRED)
        String title,
        @Nullable
        @Schema(description = "At most 2,000 characters; null or absent for none. " + TodoRequests.DESCRIPTION_RULES, maxLength = 2000,
                nullable = true, example = "Two litres", requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        String description) {
}
