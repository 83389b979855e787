package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.todo.domain.model.Description;
import dev.todo.domain.model.Todo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A todo as the API shows it: exactly the seed's seven members.
 *
 * @param id          the todo's id
 * @param title       its title
 * @param description its description, or null
 * @param isCompleted whether it is done
 * @param createdAt   when it was created, ISO-8601 UTC with microseconds
 * @param updatedAt   when it last changed, ISO-8601 UTC with microseconds
 * @param userId      the tenant it belongs to
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Todo", description = "A todo.", requiredProperties = {
    "id", "title", "description", "is_completed", "created_at", "updated_at", "user_id"})
public record TodoResponse(
        @Schema(description = "The todo's id.", format = "uuid", example = "3fa85f64-5717-4562-b3fc-2c963f66afa6")
        String id,
        @Schema(description = "The title: 1 to 255 characters, not blank.", example = "Buy milk")
        String title,
        @Nullable
        @Schema(description = "The description: at most 2,000 characters, or null.", nullable = true,
                example = "Two litres")
        String description,
        @JsonProperty("is_completed")
        @Schema(description = "Whether the todo is done.", example = "false")
        boolean isCompleted,
        @JsonProperty("created_at")
        @Schema(description = "When it was created (ISO-8601, UTC, microseconds).", format = "date-time",
                example = "2026-01-22T10:15:30.123456Z")
        String createdAt,
        @JsonProperty("updated_at")
        @Schema(description = "When it last changed (ISO-8601, UTC, microseconds).", format = "date-time",
                example = "2026-01-22T10:15:30.123456Z")
        String updatedAt,
        @JsonProperty("user_id")
        @Schema(description = "The tenant it belongs to.", example = "auth0|5f7c8ec7c33c6c004bbafe82")
        String userId) {

    /** Fixed width, so every timestamp has exactly six fractional digits. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    static TodoResponse of(Todo todo) {
        return new TodoResponse(todo.id().toString(), todo.title().value(),
                todo.description().map(Description::value).orElse(null), todo.completed(),
                timestamp(todo.createdAt()), timestamp(todo.updatedAt()), todo.owner().value());
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant);
    }
}
