package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.todo.domain.model.TodoChange;
import dev.todo.domain.model.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A batch of the tenant's change feed. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ChangesResponse(List<Change> changes, @JsonProperty("next_token") String nextToken,
                              @JsonProperty("has_more") boolean hasMore) {

    /** Keeps an unmodifiable copy of the changes. */
    public ChangesResponse {
        changes = List.copyOf(changes);
    }

    /** One change: an upsert with the todo, or a deletion with the id and time. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String type, @Nullable TodoResponse todo, @Nullable String id,
                         @JsonProperty("deleted_at") @Nullable String deletedAt) {

        static Change of(TodoChange change) {
            return switch (change) {
                case TodoChange.Upserted upserted -> new Change("upsert", TodoResponse.of(upserted.todo()), null, null);
                case TodoChange.Removed removed -> new Change("delete", null, removed.id().toString(),
                        TodoResponse.timestamp(removed.deletedAt()));
            };
        }
    }
}
