package dev.todo.domain.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a page of todos ends: the sort key and the id of its last todo. The next page starts strictly after it (keyset
 * paging), so a todo created, changed or deleted meanwhile neither shifts nor repeats the others.
 * @param key the last todo's sort key, one value per {@linkplain TodoSort#parts() part} of the sort
 */
public record TodoPosition(TodoSort sort, List<Object> key, TodoId id) {

    /**
     * Checks that the key fits the sort.
     * @throws IllegalArgumentException if it does not
     */
    public TodoPosition {
        Objects.requireNonNull(sort, "sort");
        Objects.requireNonNull(id, "id");
        key = List.copyOf(key);
        List<TodoSort.Part> parts = sort.parts();
        if (key.size() != parts.size()) {
            throw new IllegalArgumentException("a " + sort.field() + " position has " + parts.size() + " key parts");
        }
        for (int i = 0; i < parts.size(); i++) {
            Object value = key.get(i);
            parts.get(i).parse(parts.get(i).format(value));
        }
    }

    /**
     * A position from its key in text ({@link #keyText()}).
     * @throws IllegalArgumentException if the text is not a key of the sort
     */
    public TodoPosition(TodoSort sort, String keyText, TodoId id) {
        this(sort, parse(sort, keyText), id);
    }

    private static List<Object> parse(TodoSort sort, String keyText) {
        List<TodoSort.Part> parts = sort.parts();
        String[] texts = keyText.split("\n", parts.size());
        if (texts.length != parts.size()) {
            throw new IllegalArgumentException("a " + sort.field() + " position has " + parts.size() + " key parts");
        }
        List<Object> key = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            key.add(parts.get(i).parse(texts[i]));
        }
        return key;
    }

    /** Returns the position right after a todo, in an order that needs no search. */
    public static TodoPosition after(TodoSort sort, Todo todo) {
        return after(sort, todo, null);
    }

    /** Returns the position right after a todo; {@code search} is needed for relevance only. */
    public static TodoPosition after(TodoSort sort, Todo todo, @Nullable SearchQuery search) {
        return new TodoPosition(sort, sort.keyOf(todo, search), todo.id());
    }

    /**
     * {@return the key as text: each part {@linkplain TodoSort.Part#format formatted}, separated by line feeds} A title
     * is always a key's only part, so that it may hold line feeds itself.
     */
    public String keyText() {
        List<TodoSort.Part> parts = sort.parts();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                text.append('\n');
            }
            text.append(parts.get(i).format(key.get(i)));
        }
        return text.toString();
    }

    /** {@return the value of one part of the key} */
    public Object valueOf(TodoSort.Part part) {
        int index = sort.parts().indexOf(part);
        if (index < 0) {
            throw new IllegalArgumentException(sort.field() + " has no part " + part);
        }
        return key.get(index);
    }

    /** Returns true if the todo comes after this position in its order, and so belongs to a later page. */
    public boolean precedes(Todo todo, @Nullable SearchQuery search) {
        int c = sort.compareKeys(sort.keyOf(todo, search), key);
        if (c == 0) {
            c = sort.compareIds(todo.id(), id);
        }
        return c > 0;
    }

    /** {@link #precedes(Todo, SearchQuery)} for an order that needs no search. */
    public boolean precedes(Todo todo) {
        return precedes(todo, null);
    }
}
