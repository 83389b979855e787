package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderKeyTest {

    /** The largest magnitude a number of a key may have: 62^10 - 1. */
    private static final long MAX = 839_299_365_868_340_223L;

    private static OrderKey key(String text) {
        return OrderKey.parse(text);
    }

    /** Compares tuples of numbers element by element, a prefix first: the order keys must have. */
    private static int compareTuples(List<Long> a, List<Long> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @Test
    void keysReadAsTheNumbersTheyAreMadeOf() {
        assertThat(key("a0").numbers()).containsExactly(0L);
        assertThat(key("az").numbers()).containsExactly(61L);
        assertThat(key("b10").numbers()).containsExactly(62L);
        assertThat(key("Zz").numbers()).containsExactly(-1L);
        assertThat(key("Z0").numbers()).containsExactly(-62L);
        assertThat(key("Yyz").numbers()).containsExactly(-63L);
        assertThat(key("jzzzzzzzzzz").numbers()).containsExactly(MAX);
        assertThat(key("Q0000000001").numbers()).containsExactly(-MAX);
        assertThat(key("a0Zzb10").numbers()).containsExactly(0L, -1L, 62L);
    }

    @Test
    void theOrderOfTheTextIsTheOrderOfTheNumbers() {
        List<String> ordered = List.of("Q0000000001", "Yyz", "Z0", "Zz", "a0", "a0Q0000000001", "a0Zz", "a0a0",
                "a0jzzzzzzzzzz", "a1", "aA", "aa", "az", "b10", "jzzzzzzzzzz");
        for (int i = 0; i < ordered.size(); i++) {
            for (int j = 0; j < ordered.size(); j++) {
                OrderKey a = key(ordered.get(i));
                OrderKey b = key(ordered.get(j));
                assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b).isEqualTo(Integer.compare(i, j))
                        .isEqualTo(Integer.signum(compareTuples(a.numbers(), b.numbers())));
            }
        }
    }

    @Test
    void keysMadeByBetweenSortAsTheirNumbersAndReadBackEqual() {
        Random random = new Random(18);
        List<OrderKey> keys = new ArrayList<>(List.of(OrderKey.between(null, null)));
        for (int i = 0; i < 400; i++) {
            List<OrderKey> sorted = keys.stream().sorted().toList();
            int at = random.nextInt(sorted.size() + 1);
            OrderKey lower = at == 0 ? null : sorted.get(at - 1);
            OrderKey upper = at == sorted.size() ? null : sorted.get(at);
            OrderKey made = OrderKey.between(lower, upper);
            assertThat(made.isBetween(lower, upper)).as("%s between %s and %s", made, lower, upper).isTrue();
            keys.add(made);
        }
        assertThat(keys).doesNotHaveDuplicates();
        for (OrderKey a : keys) {
            assertThat(OrderKey.parse(a.value())).isEqualTo(a);
            for (OrderKey b : keys) {
                assertThat(Integer.signum(a.compareTo(b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(compareTuples(a.numbers(), b.numbers())));
            }
        }
    }

    @Test
    void onlyTheOneCanonicalTextOfAKeyIsRead() {
        for (String text : List.of("", "a", "Z", "b01", "b00", "Yzz", "Zz0", "k00000000000", "P00000000000",
                "a0!", "a 0", "0", "a0a", "A0", "jzzzzzzzzzz0", "a0\u00e9", "b0\u00e9", "b0\u0130", "b0{",
                // -62^10, one past the most negative number a key holds.
                "Q0000000000", "a0Q0000000000")) {
            assertThatThrownBy(() -> OrderKey.parse(text)).as("%s", text).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> OrderKey.parse("a0".repeat(OrderKey.MAX_LENGTH / 2) + "a0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(OrderKey.parse("a0".repeat(OrderKey.MAX_LENGTH / 2)).value()).hasSize(OrderKey.MAX_LENGTH);
        assertThatThrownBy(() -> OrderKey.parse(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void betweenNothingIsZeroBeforeAKeyStepsDownAndAfterAKeyStepsUp() {
        assertThat(OrderKey.between(null, null)).isEqualTo(key("a0"));
        assertThat(OrderKey.between(null, key("a5a9")).numbers()).containsExactly(4L);
        assertThat(OrderKey.between(null, key("a0")).numbers()).containsExactly(-1L);
        assertThat(OrderKey.between(key("a5Zz"), null).numbers()).containsExactly(6L);
        assertThat(OrderKey.between(key("az"), null)).isEqualTo(key("b10"));
        assertThatThrownBy(() -> OrderKey.between(null, key("Q0000000001")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> OrderKey.between(key("jzzzzzzzzzz"), null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void betweenTwoKeysTakesTheShortestStepThatFits() {
        // Apart by two or more: one more than the lower.
        assertThat(OrderKey.between(key("a5"), key("a9")).numbers()).containsExactly(6L);
        assertThat(OrderKey.between(key("a5a7"), key("a9")).numbers()).containsExactly(6L);
        // Adjacent: the lower's numbers, its next one stepped up (or a new one).
        assertThat(OrderKey.between(key("a5"), key("a6")).numbers()).containsExactly(5L, 0L);
        assertThat(OrderKey.between(key("a5a7"), key("a6")).numbers()).containsExactly(5L, 8L);
        // Equal first numbers: decided on the next.
        assertThat(OrderKey.between(key("a5a1"), key("a5a9")).numbers()).containsExactly(5L, 2L);
        // The lower is a prefix of the upper: one less than the upper's next number.
        assertThat(OrderKey.between(key("a5"), key("a5a3")).numbers()).containsExactly(5L, 2L);
        assertThat(OrderKey.between(key("a5"), key("a5a0")).numbers()).containsExactly(5L, -1L);
        assertThat(OrderKey.between(key("a5"), key("a5Zz")).numbers()).containsExactly(5L, -2L);
    }

    @Test
    void betweenRefusesBoundsOutOfOrder() {
        assertThatThrownBy(() -> OrderKey.between(key("a6"), key("a5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderKey.between(key("a5"), key("a5"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OrderKey.between(key("a5a0"), key("a5")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void movesToOnePlaceStepANumberInsteadOfGrowingTheKey() {
        OrderKey lower = OrderKey.forNew(Instant.parse("2026-01-22T10:00:00Z"), TodoId.random());
        OrderKey upper = OrderKey.forNew(Instant.parse("2026-01-22T10:00:01Z"), TodoId.random());
        OrderKey first = upper;
        for (int i = 0; i < 10_000; i++) {
            OrderKey made = OrderKey.between(lower, upper);
            assertThat(made.isBetween(lower, upper)).isTrue();
            upper = made;
            first = OrderKey.between(null, first);
        }
        // 10,000 moves: the lower key's numbers and one more of three digits (62^2 < 10,000 < 62^3).
        assertThat(upper.value()).hasSizeLessThanOrEqualTo(lower.value().length() + 4);
        assertThat(first.value()).hasSizeLessThanOrEqualTo(lower.value().length());
    }

    @Test
    void aNewKeyIsTheCreationInMicrosecondsThenPartOfTheId() {
        TodoId id = new TodoId(UUID.fromString("00000000-0000-4000-8000-0000deadbeef"));
        Instant at = Instant.parse("2026-01-22T10:00:00.123456Z");
        assertThat(OrderKey.forNew(at, id).numbers()).containsExactly(
                at.getEpochSecond() * 1_000_000 + 123_456, 0xdeadbeefL);
        assertThat(OrderKey.forNew(Instant.parse("1969-12-31T23:59:59.999999Z"), id).numbers().get(0)).isEqualTo(-1L);
    }

    @Test
    void newKeysFollowTheirCreationThenDifferByTheirIds() {
        List<Instant> instants = List.of(Instant.parse("1900-01-01T00:00:00Z"), Instant.parse("1969-12-31T23:59:59Z"),
                Instant.parse("1970-01-01T00:00:00Z"), Instant.parse("2026-01-22T10:00:00Z"),
                Instant.parse("2026-01-22T10:00:00.000001Z"), Instant.parse("2999-12-31T23:59:59.999999Z"));
        List<OrderKey> keys = new ArrayList<>();
        for (Instant at : instants) {
            keys.add(OrderKey.forNew(at, new TodoId(UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff"))));
            keys.add(OrderKey.forNew(at, new TodoId(UUID.fromString("00000000-0000-4000-8000-000000000000"))));
        }
        for (int i = 0; i + 2 < keys.size(); i++) {
            assertThat(keys.get(i)).as("%d", i).isLessThan(keys.get(i + 2));
        }
        for (int i = 0; i < keys.size(); i += 2) {
            assertThat(keys.get(i)).isNotEqualTo(keys.get(i + 1));
        }
    }

    @Test
    void isBetweenIsStrictAndANullBoundIsOpen() {
        OrderKey k = key("a5");
        assertThat(k.isBetween(null, null)).isTrue();
        assertThat(k.isBetween(key("a4"), null)).isTrue();
        assertThat(k.isBetween(null, key("a6"))).isTrue();
        assertThat(k.isBetween(key("a5"), null)).isFalse();
        assertThat(k.isBetween(null, key("a5"))).isFalse();
        assertThat(k.isBetween(key("a5Zz"), key("a6"))).isFalse();
    }
}
