package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagsTest {

    private static final String REPEATS = "repeats an earlier tag (tags are compared ignoring case)";

    @Test
    void tagsAreTrimmedAndKeptInTheOrderGiven() {
        Tags tags = Tags.of(List.of(" home ", "Errand", "\tb\n", "a"));

        assertThat(tags.names()).containsExactly("home", "Errand", "b", "a");
        assertThat(tags.keys()).containsExactly("home", "errand", "b", "a");
    }

    @Test
    void twentyTagsFitAndTwentyOneDoNot() {
        assertThat(Tags.of(names(20)).values()).hasSize(20);
        assertViolations(names(21), new Violation("tags", "must hold at most 20 tags"));
    }

    @Test
    void aTagHasAtMost64CharactersAfterTrimming() {
        assertThat(Tags.of(List.of("t".repeat(64), " " + "u".repeat(64) + " ", "😀".repeat(64))).names())
                .containsExactly("t".repeat(64), "u".repeat(64), "😀".repeat(64));
        assertViolations(List.of("ok", "t".repeat(65)), new Violation("tags[1]", "must be at most 64 characters"));
        assertViolations(List.of("😀".repeat(65)), new Violation("tags[0]", "must be at most 64 characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "line\nbreak", "bell\u0007", "del\u007f", "c1\u0085"})
    void controlCharactersAreRefused(String name) {
        assertViolations(List.of(name), new Violation("tags[0]", "must not contain control characters"));
        assertThatThrownBy(() -> Tag.of(name, "tag")).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t", "\u3000"})
    void blankTagsAreRefused(String name) {
        assertViolations(List.of(name), new Violation("tags[0]", "must not be blank"));
    }

    @Test
    void aNullTagIsRefused() {
        assertViolations(Arrays.asList("home", null), new Violation("tags[1]", "must be a string"));
    }

    @Test
    void aRepeatIgnoringCaseIsRefusedNotMerged() {
        assertViolations(List.of("Home", "work", "HOME"), new Violation("tags[2]", REPEATS));
        assertViolations(List.of("Straße", "STRASSE"), new Violation("tags[1]", REPEATS));
        assertViolations(List.of("home", " home"), new Violation("tags[1]", REPEATS));
        assertThatThrownBy(() -> new Tags(List.of(new Tag("a"), new Tag("A"))))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        List<String> names = new ArrayList<>(names(20));
        names.addAll(List.of(" ", "tag 3", "x\u0007y"));

        assertViolations(names, new Violation("tags", "must hold at most 20 tags"),
                new Violation("tags[20]", "must not be blank"), new Violation("tags[21]", REPEATS),
                new Violation("tags[22]", "must not contain control characters"));
    }

    @Test
    void aTagsKeyIgnoresCase() {
        assertThat(new Tag("Straße").key()).isEqualTo(new Tag("STRASSE").key()).isEqualTo("strasse");
        assertThat(new Tag("Straße").sameAs(new Tag("strasse"))).isTrue();
        assertThat(new Tag("Home").sameAs(new Tag("home"))).isTrue();
        assertThat(new Tag("Home").sameAs(new Tag("house"))).isFalse();
        assertThat(new Tag("Straße").name()).as("the spelling is kept").isEqualTo("Straße");
        assertThat(Tag.key("ÉCOLE")).isEqualTo("école");
    }

    @Test
    void aTagCanBeLookedUpIgnoringCase() {
        Tags tags = Tags.of(List.of("Home", "Straße"));

        assertThat(tags.contains(new Tag("HOME"))).isTrue();
        assertThat(tags.contains(new Tag("strasse"))).isTrue();
        assertThat(tags.contains(new Tag("work"))).isFalse();
        assertThat(tags.containsAllKeys(List.of("home", "strasse"))).isTrue();
        assertThat(tags.containsAllKeys(List.of("home", "work"))).isFalse();
        assertThat(tags.containsAllKeys(List.of())).isTrue();
    }

    @Test
    void aRenamedTagKeepsItsPlace() {
        Tags tags = Tags.of(List.of("home", "Errand", "work"));

        assertThat(tags.renamed(new Tag("errand"), new Tag("Shop")).names()).containsExactly("home", "Shop", "work");
    }

    @Test
    void aTagRenamedToOneTheTodoHasMergesIntoIt() {
        Tags tags = Tags.of(List.of("home", "errand", "Shop"));

        assertThat(tags.renamed(new Tag("Errand"), new Tag("SHOP")).names()).containsExactly("home", "Shop");
        assertThat(tags.renamed(new Tag("shop"), new Tag("home")).names()).containsExactly("home", "errand");
    }

    @Test
    void aRenameThatChangesOnlyTheCaseTakesTheNewSpelling() {
        Tags tags = Tags.of(List.of("home", "work"));

        assertThat(tags.renamed(new Tag("HOME"), new Tag("Home")).names()).containsExactly("Home", "work");
    }

    @Test
    void renamingOrRemovingATagTheTodoLacksChangesNothing() {
        Tags tags = Tags.of(List.of("home", "work"));

        assertThat(tags.renamed(new Tag("errand"), new Tag("home"))).isSameAs(tags);
        assertThat(tags.without(new Tag("errand"))).isSameAs(tags);
    }

    @Test
    void withoutRemovesTheTagIgnoringCase() {
        Tags tags = Tags.of(List.of("home", "Errand", "work"));

        assertThat(tags.without(new Tag("ERRAND")).names()).containsExactly("home", "work");
        assertThat(Tags.of(List.of("x")).without(new Tag("X"))).isEqualTo(Tags.NONE);
    }

    @Test
    void storedTagsReadBackAsTheyWere() {
        assertThat(Tags.stored(List.of("b", "A", "Straße"))).isEqualTo(Tags.of(List.of("b", "A", "Straße")));
        assertThat(Tags.stored(List.of()).isEmpty()).isTrue();
    }

    @Test
    void countsPerSpellingMergeIntoTheMostUsedSpellingOrderedByKey() {
        List<TagCount> merged = TagCount.merge(List.of(new TagCount(new Tag("work"), 1),
                new TagCount(new Tag("home"), 2), new TagCount(new Tag("Home"), 3), new TagCount(new Tag("Art"), 1),
                new TagCount(new Tag("art"), 1)));

        assertThat(merged).containsExactly(new TagCount(new Tag("Art"), 2), new TagCount(new Tag("Home"), 5),
                new TagCount(new Tag("work"), 1));
        assertThatThrownBy(() -> new TagCount(new Tag("none"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> names(int count) {
        return IntStream.range(0, count).mapToObj(i -> "tag " + i).toList();
    }

    private static void assertViolations(List<String> names, Violation... expected) {
        assertThatThrownBy(() -> Tags.of(names)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).containsExactly(expected));
    }
}
