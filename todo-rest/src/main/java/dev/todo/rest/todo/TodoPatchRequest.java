package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code PATCH /api/v1/todos/{id}}, as the OpenAPI document describes it; read by
 * {@link TodoRequests#changes}, which enforces exactly this shape and tells an absent member (unchanged) from a null
 * one.
 */
@Introspected
@Schema(name = "TodoPatch", description = "The members to change; an absent member is left as it is, {} changes "
        + "nothing. Members other than these are refused (422).",
        additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record TodoPatchRequest(
        @Schema(description = "1 to 255 characters, not blank; not null. " + TodoRequests.TITLE_RULES, minLength = 1, maxLength = 255,
                example = "Buy oat milk", requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        String title,
        @Nullable
        @Schema(description = "At most 2,000 characters; null clears it. " + TodoRequests.DESCRIPTION_RULES, maxLength = 2000, nullable = true,
                example = "One litre", requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        String description,
        @JsonProperty("is_completed")
        @Schema(description = "Whether the todo is done; not null.", example = "true",
                requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        Boolean isCompleted) {
}
