package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** A batch of the tenant's change feed. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Changes", description = "What changed since the token: todos as they are now, and deletions, in "
        + "order. Upsert each todo and delete each id, then ask again with next_token (at once while has_more).",
        requiredProperties = {"changes", "next_token", "has_more"})
public record ChangesResponse(
        @Schema(description = "The changes, oldest first.") List<Change> changes,
        @JsonProperty("next_token") @Schema(description = "Pass it as since next time.") String nextToken,
        @JsonProperty("has_more") @Schema(description = "True if more changes follow right away.") boolean hasMore) {

    /** Keeps an unmodifiable copy of the changes. */
    public ChangesResponse {
        changes = List.copyOf(changes);
    }

    /** One change: an upsert with the todo, or a deletion with the id and time. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "Change", description = "An upsert (type, todo: the todo as it is now) or a deletion (type, id, "
            + "deleted_at). The members of the other kind are absent.",
            requiredProperties = {"type"})
    public record Change(
            @Schema(description = "upsert: the todo was created or changed; delete: it was deleted.",
                    allowableValues = {"upsert", "delete"}) String type,
            // No @Schema of its own: micronaut-openapi would wrap the $ref in an allOf and add a TodoResponse alias.
            @Nullable TodoResponse todo,
            @Schema(description = "The deleted todo's id (deletions only; absent on upserts).", format = "uuid")
            @Nullable String id,
            @JsonProperty("deleted_at")
            @Schema(description = "When it was deleted (deletions only; absent on upserts).", format = "date-time")
            @Nullable String deletedAt) {

        static Change of(TodoChange change) {
            return switch (change) {
                case TodoChange.Upserted upserted -> new Change("upsert", TodoResponse.of(upserted.todo()), null, null);
                case TodoChange.Removed removed -> new Change("delete", null, removed.id().toString(),
                        TodoResponse.timestamp(removed.deletedAt()));
            };
        }
    }
}
