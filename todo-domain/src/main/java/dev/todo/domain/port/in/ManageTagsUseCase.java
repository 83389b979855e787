package dev.todo.domain.port.in;

import dev.todo.domain.model.Tag;
import dev.todo.domain.model.TagCount;
import dev.todo.domain.model.TenantId;
import java.util.List;

/**
 * A tenant's tags as a whole: list them, rename one on every todo, remove one from every todo. Tags are matched
 * ignoring case; another tenant's tags are never seen.
 */
public interface ManageTagsUseCase {

    /** {@return the tenant's tags, each with how many of its todos carry it ({@link TagCount#merge})} */
    List<TagCount> tags(TenantId tenant);

    /**
     * Renames a tag on every todo that carries it, merging it into a tag of the new name a todo already has; each todo
     * changed gets a new version, all in one unit of work.
     * @return the tag under its new name, with how many todos carry it now
     * @throws dev.todo.domain.model.TagNotFoundException if no todo of the tenant carries {@code from}
     */
    TagCount renameTag(TenantId tenant, Tag from, Tag to);

    /**
     * Removes a tag from every todo that carries it, each getting a new version, all in one unit of work.
     * @return how many todos it was removed from
     * @throws dev.todo.domain.model.TagNotFoundException if no todo of the tenant carries it
     */
    int deleteTag(TenantId tenant, Tag tag);
}
