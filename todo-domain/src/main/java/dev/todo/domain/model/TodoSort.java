package dev.todo.domain.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The order of a list of todos: by one field, ascending or descending. Each field orders by a fixed list of
 * {@linkplain Part parts}, then by id, so that the order is total and a page can start exactly after the last todo of the
 * previous one ({@link TodoPosition}). Descending reverses every part except {@link Part#NO_DUE}: todos without a due
 * come last both ways.
 */
public record TodoSort(Field field, boolean descending) {

    /** The order of the plain list: oldest first. */
    public static final TodoSort CREATION = new TodoSort(Field.CREATED_AT, false);
    /** The order of a search without a sort: the best matches first, then the newest. */
    public static final TodoSort RELEVANCE = new TodoSort(Field.RELEVANCE, false);

    /** What a list can be ordered by. */
    public enum Field {
        /** By creation. */
        CREATED_AT,
        /** By last change. */
        UPDATED_AT,
        /** By title, by code point. */
        TITLE,
        /** By priority, then by creation. */
        PRIORITY,
        /**
         * By due date; within a day, timed dues by their instant before all-day dues; then by creation. Todos
         * without a due come last.
         */
        DUE,
        /**
         * By {@linkplain SearchQuery#rank rank} in a search, highest first, then newest first: only with a search
         * query.
         */
        RELEVANCE,
        /** By the tenant's hand-made order ({@link Todo#position()}), keys compared by code point. */
        POSITION;

        /** {@return the parts this field orders by, before the id} */
        public List<Part> parts() {
            return switch (this) {
                case CREATED_AT -> List.of(Part.CREATED_AT);
                case UPDATED_AT -> List.of(Part.UPDATED_AT);
                case TITLE -> List.of(Part.TITLE);
                case PRIORITY -> List.of(Part.PRIORITY, Part.CREATED_AT);
                case DUE -> List.of(Part.NO_DUE, Part.DUE_DAY, Part.DUE_MOMENT, Part.CREATED_AT);
                case RELEVANCE -> List.of(Part.RANK, Part.CREATED_AT);
                case POSITION -> List.of(Part.POSITION);
            };
        }
    }

    /**
     * One component of a sort key, each a {@code long}, an {@link Instant} or a {@code String} (compared by code
     * point, see {@link #compareCodePoints}).
     */
    public enum Part {
        /** {@link Todo#createdAt()}, an {@link Instant}. */
        CREATED_AT,
        /** {@link Todo#updatedAt()}, an {@link Instant}. */
        UPDATED_AT,
        /** The title's text, a {@code String}. */
        TITLE,
        /** {@link Priority#rank()}, a {@code long}. */
        PRIORITY,
        /** 1 without a due, else 0, a {@code long}; always ascending. */
        NO_DUE,
        /** The due date's epoch day, 0 without a due, a {@code long}. */
        DUE_DAY,
        /**
         * A timed due's instant in microseconds since the epoch; {@link Long#MAX_VALUE} for an all-day due (after the
         * timed ones of its day), 0 without a due; a {@code long}.
         */
        DUE_MOMENT,
        /** The search rank ({@link SearchQuery#rank}), a {@code long}; highest first when ascending. */
        RANK,
        /** The {@linkplain OrderKey order key}'s text, a {@code String}. */
        POSITION;

        /** {@return the value of this part for a todo; {@code search} is needed for {@link #RANK} only} */
        public Object valueOf(Todo todo, @Nullable SearchQuery search) {
            return switch (this) {
                case CREATED_AT -> todo.createdAt();
                case UPDATED_AT -> todo.updatedAt();
                case TITLE -> todo.title().value();
                case PRIORITY -> (long) todo.priority().rank();
                case NO_DUE -> todo.due().isPresent() ? 0L : 1L;
                case DUE_DAY -> todo.due().map(d -> d.date().toEpochDay()).orElse(0L);
                case DUE_MOMENT -> todo.due().map(TodoSort::moment).orElse(0L);
                case RANK -> (long) Objects.requireNonNull(search, "a search ranks todos").rank(todo);
                case POSITION -> todo.position().value();
            };
        }

        /** {@return the value as text, as {@link #parse} reads it back} */
        public String format(Object value) {
            return value.toString();
        }

        /**
         * Reads a value this part {@linkplain #format formatted}.
         * @throws IllegalArgumentException if the text is not one
         */
        public Object parse(String text) {
            try {
                return switch (this) {
                    case CREATED_AT, UPDATED_AT -> Instant.parse(text);
                    case TITLE -> text;
                    case POSITION -> OrderKey.parse(text).value();
                    default -> Long.parseLong(text);
                };
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("not a value of " + this + ": " + text, e);
            }
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        int compare(Object a, Object b) {
            return this == TITLE || this == POSITION ? compareCodePoints((String) a, (String) b) : ((Comparable) a).compareTo(b);
        }
    }

    private static long moment(Due due) {
        return due.at().map(at -> at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000).orElse(Long.MAX_VALUE);
    }

    public TodoSort {
        Objects.requireNonNull(field, "field");
    }

    /** {@return the parts of the order, before the id} */
    public List<Part> parts() {
        return field.parts();
    }

    /**
     * {@return whether a part runs in descending order in this sort} {@link Part#RANK} and the {@link Field#RELEVANCE}
     * order's creation run descending when the sort is not; {@link Part#NO_DUE} always ascends.
     */
    public boolean descends(Part part) {
        if (part == Part.NO_DUE) {
            return false;
        }
        boolean reversedByField = field == Field.RELEVANCE;
        return descending != reversedByField;
    }

    /** {@return whether the id, the last tie-breaker, runs in descending order} */
    public boolean idDescends() {
        return descending != (field == Field.RELEVANCE);
    }

    /** {@return the sort key of a todo: the value of each {@linkplain #parts() part}} */
    public List<Object> keyOf(Todo todo, @Nullable SearchQuery search) {
        List<Object> key = new ArrayList<>(parts().size());
        for (Part part : parts()) {
            key.add(part.valueOf(todo, search));
        }
        return key;
    }

    /** {@return the sort key of a todo in an order that needs no search} */
    public List<Object> keyOf(Todo todo) {
        return keyOf(todo, null);
    }

    /** {@return how this sort orders todos, the id breaking ties; {@code search} is needed for relevance only} */
    public Comparator<Todo> comparator(@Nullable SearchQuery search) {
        return (a, b) -> {
            int c = compareKeys(keyOf(a, search), keyOf(b, search));
            return c != 0 ? c : compareIds(a.id(), b.id());
        };
    }

    /** {@return how this sort orders todos, for an order that needs no search} */
    public Comparator<Todo> comparator() {
        return comparator(null);
    }

    /** Compares two sort keys of this sort, each part in its direction. */
    public int compareKeys(List<Object> a, List<Object> b) {
        List<Part> parts = parts();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            int c = descends(part) ? part.compare(b.get(i), a.get(i)) : part.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Compares two ids in the direction of this sort's last tie-breaker. */
    public int compareIds(TodoId a, TodoId b) {
        return idDescends() ? b.compareTo(a) : a.compareTo(b);
    }

    /**
     * Compares two strings by Unicode code point, as titles are ordered here and as PostgreSQL's "C" collation does
     * with UTF-8; adapters that order titles themselves use it to agree with the database.
     */
    public static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
