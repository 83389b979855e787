package dev.todo.domain.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tag of a tenant and how many of its todos carry it.
 * @param tag the tag, in the spelling most of those todos use
 */
public record TagCount(Tag tag, long count) {

    public TagCount {
        Objects.requireNonNull(tag, "tag");
        if (count < 1) {
            throw new IllegalArgumentException("a tag is counted only when a todo carries it");
        }
    }

    /**
     * Merges counts per spelling into counts per tag (ignoring case): each tag in its most used spelling (the first by
     * code point among the most used), ordered by key, then by that spelling.
     */
    public static List<TagCount> merge(List<TagCount> perSpelling) {
        Map<String, List<TagCount>> byKey = new LinkedHashMap<>();
        for (TagCount count : perSpelling) {
            byKey.computeIfAbsent(count.tag().key(), key -> new ArrayList<>()).add(count);
        }
        Comparator<TagCount> preferred = Comparator.comparingLong(TagCount::count).reversed()
                .thenComparing((a, b) -> TodoSort.compareCodePoints(a.tag().name(), b.tag().name()));
        List<TagCount> merged = new ArrayList<>(byKey.size());
        for (List<TagCount> spellings : byKey.values()) {
            TagCount best = spellings.stream().min(preferred).orElseThrow();
            merged.add(new TagCount(best.tag(), spellings.stream().mapToLong(TagCount::count).sum()));
        }
        merged.sort(Comparator.<TagCount, String>comparing(c -> c.tag().key(), TodoSort::compareCodePoints)
                .thenComparing(c -> c.tag().name(), TodoSort::compareCodePoints));
        return merged;
    }
}
