package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PUT /api/v1/todos/{id}}, as the OpenAPI document describes it; read by
 * {@link TodoRequests#replacement}, which enforces exactly this shape.
 */
@Introspected
@Schema(name = "TodoReplace", description = "A todo's full new state: every member is required (description may be "
        + "null). Members other than these are refused (422).",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE,
        requiredProperties = {"title", "description", "is_completed"})
public record TodoReplaceRequest(
        @Schema(description = "1 to 255 characters, not blank. " + TodoRequests.TITLE_RULES, minLength = 1, maxLength = 255,
                example = "Buy oat milk", requiredMode = Schema.RequiredMode.REQUIRED)
        String title,
        @Nullable
        @Schema(description = "At most 2,000 characters, or null for none. " + TodoRequests.DESCRIPTION_RULES, maxLength = 2000, nullable = true,
                example = "One litre", requiredMode = Schema.RequiredMode.REQUIRED)
        String description,
        @JsonProperty("is_completed")
        @Schema(description = "Whether the todo is done.", example = "false",
                requiredMode = Schema.RequiredMode.REQUIRED)
        boolean isCompleted) {
}
