package dev.todo.domain.model;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A full-text search in the title and description of todos: every word must match a word of the todo, the last one as
 * a prefix (a search box types ahead). Words are compared {@linkplain #words(String) normalised}: case and accents
 * ignored, split at anything that is not a letter or a digit. Adapters store {@link #wordsOf(Todo)} and
 * {@link #titleWordsOf(Todo)} to search, and rank by {@link #rank(Todo)}.
 * @param words the distinct normalised words, in the order typed; at least one
 */
public record SearchQuery(List<String> words) {

    /** The field name that violations carry. */
    public static final String FIELD = "q";
    /** The longest query, in characters. */
    public static final int MAX_LENGTH = 200;
    /** The most words a query may have. */
    public static final int MAX_WORDS = 10;
    /** The longest word kept: longer ones are cut to this many characters, in todos and in queries alike. */
    public static final int MAX_WORD_LENGTH = 64;

    public SearchQuery {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw ValidationException.of(FIELD, "must contain a letter or a digit");
        }
        if (words.size() > MAX_WORDS) {
            throw ValidationException.of(FIELD, "must have at most " + MAX_WORDS + " words");
        }
    }

    /**
     * The search a client typed.
     * @throws ValidationException naming {@value #FIELD} if it has no word, too many, or is too long
     */
    public static SearchQuery parse(String text) {
        if (text.codePointCount(0, text.length()) > MAX_LENGTH) {
            throw ValidationException.of(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        var unstorable = Text.unstorable(text);
        if (unstorable.isPresent()) {
            throw ValidationException.of(FIELD, unstorable.get());
        }
        return new SearchQuery(new ArrayList<>(new LinkedHashSet<>(words(text))));
    }

    /**
     * The words of a text as search compares them: decomposed (NFKD), without combining marks, in lower case (root
     * locale), split at every character that is not a letter or a digit, each cut to {@value #MAX_WORD_LENGTH}
     * characters.
     */
    public static List<String> words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder word = new StringBuilder();
        List<String> words = new ArrayList<>();
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(cp)) {
                word.appendCodePoint(cp);
            } else {
                add(words, word);
            }
        }
        add(words, word);
        return words;
    }

    private static void add(List<String> words, StringBuilder word) {
        if (word.length() == 0) {
            return;
        }
        String lower = word.toString().toLowerCase(Locale.ROOT);
        if (lower.codePointCount(0, lower.length()) > MAX_WORD_LENGTH) {
            lower = lower.substring(0, lower.offsetByCodePoints(0, MAX_WORD_LENGTH));
        }
        words.add(lower);
        word.setLength(0);
    }

    /** {@return the distinct words of a todo's title and description, the ones a search matches against} */
    public static Set<String> wordsOf(Todo todo) {
        Set<String> words = new LinkedHashSet<>(words(todo.title().value()));
        todo.description().ifPresent(d -> words.addAll(words(d.value())));
        return words;
    }

    /** {@return the distinct words of a todo's title, the ones {@link #rank} counts} */
    public static Set<String> titleWordsOf(Todo todo) {
        return new LinkedHashSet<>(words(todo.title().value()));
    }

    /** {@return true if the todo matches: each word is one of its words, the last a prefix of one} */
    public boolean matches(Todo todo) {
        return count(wordsOf(todo)) == words.size();
    }

    /**
     * {@return how well a matching todo matches: how many of the words are in its title (the last as a prefix), from 0
     * to the number of words} A higher rank comes first.
     */
    public int rank(Todo todo) {
        return count(titleWordsOf(todo));
    }

    /** {@return whether the word at {@code index} is matched as a prefix: only the last one} */
    public boolean isPrefix(int index) {
        return index == words.size() - 1;
    }

    private int count(Set<String> candidates) {
        int found = 0;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (isPrefix(i) ? candidates.stream().anyMatch(c -> c.startsWith(word)) : candidates.contains(word)) {
                found++;
            }
        }
        return found;
    }

    @Override
    public String toString() {
        return "SearchQuery" + Objects.toString(words);
    }
}
