package dev.todo.rest.todo;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.TagNotFoundException;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.ManageTagsUseCase;
import dev.todo.rest.error.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The tenant's tags as a whole: v1 under {@code /api/v1/tags}, v2 under {@code /api/{user_id}/tags}. A tag in the
 * path is matched ignoring case; one no todo of the tenant carries, or a name no tag can have, is 404. The tenant is
 * bound first, as on the todo routes ({@link TodoController}).
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.APPLICATION_JSON)
class TagController {

    static final String V1 = "/v1/tags";
    static final String V2 = "/{user_id:[^/]+}/tags";
    private static final String NAME = "/{name:[^/]+}";

    /** A tag and how many todos carry it: {@code {name, count}}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TagJson(String name, long count) {

        static TagJson of(TagCount count) {
            return new TagJson(count.tag().name(), count.count());
        }
    }

    /** The tenant's tags: {@code {items, count}}, items even when empty. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record TagList(List<TagJson> items, int count) {
    }

    private final ManageTagsUseCase manageTags;

    TagController(ManageTagsUseCase manageTags) {
        this.manageTags = manageTags;
    }

    @Get(uris = {V1, V2})
    TagList list(TenantId tenant) {
        List<TagJson> items = manageTags.tags(tenant).stream().map(TagJson::of).toList();
        return new TagList(items, items.size());
    }

    @Patch(uris = {V1 + NAME, V2 + NAME})
    @Consumes(MediaType.ALL)
    TagJson rename(TenantId tenant, HttpRequest<?> request, @PathVariable String name, @Nullable @Body byte[] body) {
        Tag from = pathTag(name);
        return TagJson.of(manageTags.renameTag(tenant, from, TodoRequests.tagName(request, body)));
    }

    @Delete(uris = {V1 + NAME, V2 + NAME})
    // Its only body is a problem, as on the todo's DELETE.
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Status(HttpStatus.NO_CONTENT)
    HttpResponse<Void> delete(TenantId tenant, @PathVariable String name) {
        manageTags.deleteTag(tenant, pathTag(name));
        return HttpResponse.noContent();
    }

    /** The tag a path names; a name no tag can have names none a todo carries: 404. */
    private static Tag pathTag(String name) {
        try {
            return Tag.of(name, "name");
        } catch (ValidationException e) {
            throw new TagNotFoundException(name);
        }
    }
}
