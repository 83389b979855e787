package dev.todo.rest.todo;

import dev.todo.domain.model.Todo;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the conditional request headers If-Match and If-None-Match (RFC 9110, section 13.1) against a todo's entity
 * tag, its version as a strong tag: {@code "7"}.
 */
final class EntityTags {

    static final String IF_MATCH = "If-Match";
    static final String IF_NONE_MATCH = "If-None-Match";

    /** One entity tag of a list: optionally weak, then a quoted string of tag characters, then a comma or the end. */
    private static final Pattern LIST_ITEM =
            Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E\\x80-\\xFF]*)\"\\s*(,|\\z)");

    /** A version no todo has: the precondition of an If-Match that can never match. */
    private static final long NEVER = -1;

    private EntityTags() {
    }

    /**
     * The version an If-Match header requires. An absent header, or {@code *}, requires none (the todo must still
     * exist). A weak tag or one that names no version can never match strongly, so it requires a version no todo
     * has: the write is then refused with 412 once the todo is found.
     *
     * @throws ProblemException 400 if the header is malformed or lists more than one tag
     */
    static OptionalLong requiredVersion(HttpRequest<?> request) {
        List<String> values = request.getHeaders().getAll(IF_MATCH);
        if (values.isEmpty()) {
            return OptionalLong.empty();
        }
        String value = String.join(",", values).strip();
        if (value.equals("*")) {
            return OptionalLong.empty();
        }
        List<Tag> tags = parse(value, IF_MATCH);
        if (tags.size() != 1) {
            throw ProblemException.badRequest("The If-Match header must hold one entity tag.", IF_MATCH,
                    "must be one entity tag, such as \"3\"");
        }
        Tag tag = tags.get(0);
        if (tag.weak()) {
            return OptionalLong.of(NEVER);
        }
        // Strong comparison is exact: "02" or "+2" is not the tag "2", even if it reads as the same number.
        try {
            long version = Long.parseLong(tag.opaque());
            return Long.toString(version).equals(tag.opaque()) ? OptionalLong.of(version) : OptionalLong.of(NEVER);
        } catch (NumberFormatException e) {
            return OptionalLong.of(NEVER);
        }
    }

    /**
     * Whether an If-None-Match header matches the todo, by weak comparison: then a GET answers 304.
     *
     * @throws ProblemException 400 if the header is malformed
     */
    static boolean noneMatchFails(HttpRequest<?> request, Todo todo) {
        List<String> values = request.getHeaders().getAll(IF_NONE_MATCH);
        if (values.isEmpty()) {
            return false;
        }
        String value = String.join(",", values).strip();
        if (value.equals("*")) {
            return true;
        }
        String current = Long.toString(todo.version());
        return parse(value, IF_NONE_MATCH).stream().anyMatch(tag -> tag.opaque().equals(current));
    }

    private record Tag(boolean weak, String opaque) {
    }

    /**
     * Parses a list of entity tags. A comma inside the quotes belongs to the tag (RFC 9110 allows it there), so the
     * list is read tag by tag rather than split at commas.
     */
    private static List<Tag> parse(String value, String header) {
        List<Tag> tags = new ArrayList<>();
        Matcher m = LIST_ITEM.matcher(value);
        int at = 0;
        while (tags.isEmpty() || at < value.length()) {
            m.region(at, value.length());
            if (!m.lookingAt() || (m.group(3).equals(",") && m.end() == value.length())) {
                throw ProblemException.badRequest("The " + header + " header is malformed.", header,
                        "must be a list of entity tags, such as \"3\", or *");
            }
            tags.add(new Tag(m.group(1) != null, m.group(2)));
            at = m.end();
        }
        return tags;
    }
}
