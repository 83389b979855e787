package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SearchQueryTest {

    private static final Todo TODO = Todo.create(TodoId.random(), TenantId.of("alice"), Title.of("Buy oat MILK"),
            new Description("at the Café, e-mail Zoë first"), Instant.parse("2026-01-22T10:00:00Z"));

    @Test
    void wordsIgnoreCaseAndAccents() {
        assertThat(SearchQuery.words("Café au LAIT")).containsExactly("cafe", "au", "lait");
        assertThat(SearchQuery.words("naïve FAÇADE Zoë")).containsExactly("naive", "facade", "zoe");
        assertThat(SearchQuery.words("ＡＢＣ ﬁne")).as("compatibility forms").containsExactly("abc", "fine");
    }

    @Test
    void wordsAreSplitAtEverythingButLettersAndDigits() {
        assertThat(SearchQuery.words("e-mail, re:port/x_y 3.5kg  (todo)!"))
                .containsExactly("e", "mail", "re", "port", "x", "y", "3", "5kg", "todo");
        assertThat(SearchQuery.words("买 牛奶 😀 ...")).containsExactly("买", "牛奶");
        assertThat(SearchQuery.words(" -- ")).isEmpty();
    }

    @Test
    void longWordsAreCutTo64Characters() {
        assertThat(SearchQuery.words("a".repeat(70) + " b")).containsExactly("a".repeat(64), "b");
    }

    @Test
    void aQueryKeepsEachWordOnceInTheOrderTyped() {
        assertThat(SearchQuery.parse("Milk oat MILK  café").words()).containsExactly("milk", "oat", "cafe");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "-- !!", "😀"})
    void aQueryWithoutALetterOrDigitIsRefused(String q) {
        assertRefused(q, "must contain a letter or a digit");
    }

    @Test
    void aQueryHasAtMostTenWordsAnd200Characters() {
        assertThat(SearchQuery.parse("a b c d e f g h i j").words()).hasSize(10);
        assertRefused("a b c d e f g h i j k", "must have at most 10 words");
        assertThat(SearchQuery.parse("x".repeat(200)).words()).containsExactly("x".repeat(64));
        assertRefused("x".repeat(201), "must be at most 200 characters");
        assertThatThrownBy(() -> SearchQuery.parse("a\u0000b")).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"milk", "MILK", "Milk", "cafe", "CAFÉ", "café", "zoe", "mail", "e mail", "buy oat milk",
        "milk buy", "mi", "buy m", "oat mil", "first", "fir", "cafe at the"})
    void aTodoMatchesWhenEveryWordIsOneOfItsWordsTheLastAsAPrefix(String q) {
        assertThat(SearchQuery.parse(q).matches(TODO)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mil buy", "bread", "milk bread", "uy", "ilk", "cafes", "emai", "email", "buy oats",
        "at the cafe zoey"})
    void aTodoDoesNotMatchWhenAWordIsMissingOrOnlyTheLastIsAPrefix(String q) {
        assertThat(SearchQuery.parse(q).matches(TODO)).isFalse();
    }

    @Test
    void theTodosWordsAreItsTitlesAndDescriptions() {
        assertThat(SearchQuery.wordsOf(TODO)).containsExactly("buy", "oat", "milk", "at", "the", "cafe", "e",
                "mail", "zoe", "first");
        assertThat(SearchQuery.titleWordsOf(TODO)).containsExactly("buy", "oat", "milk");
    }

    @ParameterizedTest
    @CsvSource({"milk, 1", "cafe, 0", "buy milk, 2", "cafe milk, 1", "buy oat mi, 3", "first, 0", "milk caf, 1",
        "cafe m, 1"})
    void theRankCountsTheWordsInTheTitle(String q, int rank) {
        assertThat(SearchQuery.parse(q).rank(TODO)).isEqualTo(rank);
    }

    @Test
    void onlyTheLastWordIsAPrefix() {
        SearchQuery query = SearchQuery.parse("buy oat milk");

        assertThat(query.isPrefix(0)).isFalse();
        assertThat(query.isPrefix(1)).isFalse();
        assertThat(query.isPrefix(2)).isTrue();
    }

    private static void assertRefused(String q, String message) {
        assertThatThrownBy(() -> SearchQuery.parse(q)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).containsExactly(new Violation("q", message)));
    }
}
