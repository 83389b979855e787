package dev.todo.domain.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The tags of a todo: at most {@value #MAX_COUNT}, no two the same ignoring case, in the order they were given.
 * @param values the tags, in order
 */
public record Tags(List<Tag> values) {

    /** The most tags a todo may carry. */
    public static final int MAX_COUNT = 20;
    /** The field name that violations of these rules carry; each tag's is {@code tags[i]}. */
    public static final String FIELD = "tags";
    /** No tags: a new todo's. */
    public static final Tags NONE = new Tags(List.of());

    /**
     * Checks the rules above.
     * @throws ValidationException if one is broken
     */
    public Tags {
        values = List.copyOf(values);
        List<Violation> violations = new ArrayList<>();
        if (values.size() > MAX_COUNT) {
            violations.add(new Violation(FIELD, "must hold at most " + MAX_COUNT + " tags"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i).key())) {
                violations.add(new Violation(FIELD + "[" + i + "]", "repeats an earlier tag (tags are compared ignoring case)"));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /**
     * The tags a client sent, each trimmed and checked, every violation found before it fails.
     * @throws ValidationException listing every violation, each naming {@code tags} or {@code tags[i]}
     */
    public static Tags of(List<? extends @Nullable String> names) {
        List<Violation> violations = new ArrayList<>();
        List<Tag> tags = new ArrayList<>();
        if (names.size() > MAX_COUNT) {
            violations.add(new Violation(FIELD, "must hold at most " + MAX_COUNT + " tags"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String field = FIELD + "[" + i + "]";
            try {
                Tag tag = Tag.of(names.get(i), field);
                if (!seen.add(tag.key())) {
                    violations.add(new Violation(field, "repeats an earlier tag (tags are compared ignoring case)"));
                }
                tags.add(tag);
            } catch (ValidationException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new Tags(tags);
    }

    /** Tags read back from storage, already checked when they were written. */
    public static Tags stored(Collection<String> names) {
        List<Tag> tags = new ArrayList<>(names.size());
        for (String name : names) {
            tags.add(new Tag(name));
        }
        return new Tags(tags);
    }

    /** {@return true if one of these tags is the same as {@code tag}, ignoring case} */
    public boolean contains(Tag tag) {
        return values.stream().anyMatch(tag::sameAs);
    }

    /** {@return true if these tags include every tag of {@code keys} ({@linkplain Tag#key() keys})} */
    public boolean containsAllKeys(Collection<String> keys) {
        return keys().containsAll(keys);
    }

    /** {@return the names, in order} */
    public List<String> names() {
        return values.stream().map(Tag::name).toList();
    }

    /** {@return the {@linkplain Tag#key() keys}, in order} */
    public List<String> keys() {
        return values.stream().map(Tag::key).toList();
    }

    /**
     * These tags with {@code from} renamed to {@code to}, in its place; if another tag here is already {@code to}, the
     * two merge into that one. Unchanged if {@code from} is not among them.
     */
    public Tags renamed(Tag from, Tag to) {
        if (!contains(from)) {
            return this;
        }
        boolean merges = values.stream().anyMatch(tag -> tag.sameAs(to) && !tag.sameAs(from));
        List<Tag> result = new ArrayList<>(values.size());
        for (Tag tag : values) {
            if (!tag.sameAs(from)) {
                result.add(tag);
            } else if (!merges) {
                result.add(to);
            }
        }
        return new Tags(result);
    }

    /** These tags without {@code tag}; unchanged if it is not among them. */
    public Tags without(Tag tag) {
        return contains(tag) ? new Tags(values.stream().filter(t -> !t.sameAs(tag)).toList()) : this;
    }

    /** {@return true if there are no tags} */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public String toString() {
        return Objects.toString(names());
    }
}
