package dev.todo.persistence;

import dev.todo.domain.model.SearchQuery;
import dev.todo.domain.model.Todo;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of a todo as the {@code search_words} and {@code title_words} columns hold them, and a search as the
 * {@code tsquery} that matches them: the domain's words ({@link SearchQuery}) as quoted lexemes, so that no text-search
 * parser, dictionary or locale of the database has a say.
 */
final class SearchWords {

    private SearchWords() {
    }

    /** {@return the lexemes of {@code search_words}: {@link SearchQuery#wordsOf}} */
    static String[] of(Todo todo) {
        return SearchQuery.wordsOf(todo).toArray(String[]::new);
    }

    /** {@return the lexemes of {@code title_words}: {@link SearchQuery#titleWordsOf}} */
    static String[] ofTitle(Todo todo) {
        return SearchQuery.titleWordsOf(todo).toArray(String[]::new);
    }

    /** {@return the tsquery a todo's {@code search_words} match exactly when the search matches it} */
    static String matching(SearchQuery search) {
        return String.join(" & ", eachWord(search));
    }

    /**
     * {@return the tsquery of each word alone, the last as a prefix: the {@code title_words} matching one of them count
     * towards the rank ({@link SearchQuery#rank})}
     */
    static List<String> eachWord(SearchQuery search) {
        List<String> words = new ArrayList<>(search.words().size());
        for (int i = 0; i < search.words().size(); i++) {
            words.add(word(search, i));
        }
        return words;
    }

    /** A quoted lexeme, quotes and backslashes escaped, with {@code :*} if it is matched as a prefix. */
    private static String word(SearchQuery search, int index) {
        String word = search.words().get(index).replace("\\", "\\\\").replace("'", "''");
        return "'" + word + "'" + (search.isPrefix(index) ? ":*" : "");
    }
}
