package dev.todo.domain.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A todo's place in its tenant's hand-made order: an opaque string whose order, by code point (PostgreSQL's "C"
 * collation), is the order of the list. A key is a sequence of whole numbers, each written so that the text sorts as the
 * numbers do: a head character gives the sign and the count of digits, then base-62 digits follow. A key that is a
 * prefix of another comes before it.
 *
 * <p>A move takes a key {@linkplain #between between} its new neighbours' and leaves every other todo as it is. The new
 * key is never longer than its neighbours' by more than one number, and moves that keep going to the same place step
 * one of its numbers instead of growing it: a key grows by about one character for every 62-fold of moves to one
 * place (ADR 0038).
 */
public final class OrderKey implements Comparable<OrderKey> {

    /** The member's name. */
    public static final String FIELD = "position";
    /** The longest key the domain makes or reads. */
    public static final int MAX_LENGTH = 1024;

    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    /** The value of each ASCII character as a digit, -1 for a character that is none: every stored key is read. */
    private static final byte[] DIGIT_VALUES = digitValues();
    private static final int BASE = 62;
    /** The most digits a number has: |n| stays below 62^10 (about 8.4e17, far beyond microseconds since 1970). */
    private static final int MAX_DIGITS = 10;
    private static final long LIMIT = pow(MAX_DIGITS);

    private final String value;

    private OrderKey(String value) {
        this.value = value;
    }

    /**
     * Reads a key as stored.
     * @throws IllegalArgumentException if the text is not a key in its one canonical form
     */
    public static OrderKey parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a key has 1 to " + MAX_LENGTH + " characters");
        }
        decode(text, null);
        return new OrderKey(text);
    }

    /**
     * The key of a new todo: its creation in microseconds since the epoch, then 32 bits of its id, so that it comes
     * after every todo created before it (and after every todo moved to the end before it: such a move adds one to
     * the first number, one microsecond) and two todos created at once still differ.
     */
    public static OrderKey forNew(Instant createdAt, TodoId id) {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L),
                createdAt.getNano() / 1_000);
        return of(List.of(micros, id.value().getLeastSignificantBits() & 0xFFFF_FFFFL));
    }

    /**
     * A key strictly between two keys; {@code lower} null means before {@code upper}, {@code upper} null after
     * {@code lower}, both null any key.
     * @throws IllegalArgumentException if {@code lower} is not before {@code upper}
     * @throws IllegalStateException if the key would be longer than {@link #MAX_LENGTH}
     */
    public static OrderKey between(@Nullable OrderKey lower, @Nullable OrderKey upper) {
        if (lower == null) {
            return upper == null ? of(List.of(0L)) : of(List.of(step(upper.numbers().get(0), -1)));
        }
        if (upper == null) {
            return of(List.of(step(lower.numbers().get(0), 1)));
        }
        if (lower.compareTo(upper) >= 0) {
            throw new IllegalArgumentException(lower + " is not before " + upper);
        }
        List<Long> a = lower.numbers();
        List<Long> b = upper.numbers();
        int j = 0;
        while (j < a.size() && a.get(j).equals(b.get(j))) {
            j++;
        }
        List<Long> key = new ArrayList<>(a.subList(0, Math.min(j, a.size())));
        if (j == a.size()) {
            // lower is a prefix of upper: one less than upper's next number, after lower and before upper.
            key.add(step(b.get(j), -1));
        } else if (b.get(j) - a.get(j) >= 2) {
            key.add(a.get(j) + 1);
        } else {
            // Adjacent numbers: keep lower's and step its next one (or start one), staying before upper.
            key.add(a.get(j));
            key.add(j + 1 < a.size() ? step(a.get(j + 1), 1) : 0L);
        }
        return of(key);
    }

    /** {@return the key as text} */
    public String value() {
        return value;
    }

    /** {@return the numbers the key is made of} */
    public List<Long> numbers() {
        List<Long> numbers = new ArrayList<>();
        decode(value, numbers);
        return numbers;
    }

    /** {@return true if this key comes strictly between two keys; a null bound is open} */
    public boolean isBetween(@Nullable OrderKey lower, @Nullable OrderKey upper) {
        return (lower == null || lower.compareTo(this) < 0) && (upper == null || compareTo(upper) < 0);
    }

    /** Orders keys by their text, code point by code point (every character is ASCII). */
    @Override
    public int compareTo(OrderKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OrderKey other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    private static OrderKey of(List<Long> numbers) {
        StringBuilder text = new StringBuilder();
        for (long n : numbers) {
            encode(n, text);
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalStateException("an order key would be longer than " + MAX_LENGTH + " characters");
        }
        return new OrderKey(text.toString());
    }

    private static long step(long n, int by) {
        long next = n + by;
        if (next <= -LIMIT || next >= LIMIT) {
            throw new IllegalStateException("an order key number would leave its range: " + next);
        }
        return next;
    }

    /** Appends a number: 'a'.. for 1.. digits of n ≥ 0; 'Z'.. down for 1.. digits of -n-1 when n < 0, complemented. */
    private static void encode(long n, StringBuilder out) {
        if (n <= -LIMIT || n >= LIMIT) {
            throw new IllegalStateException("an order key number is out of range: " + n);
        }
        if (n >= 0) {
            int length = digits(n);
            out.append((char) ('a' + length - 1));
            appendDigits(n, length, out);
        } else {
            long m = -(n + 1);
            int length = digits(m);
            out.append((char) ('Z' - (length - 1)));
            appendDigits(pow(length) - 1 - m, length, out);
        }
    }

    /** Checks that {@code text} is a key in its canonical form, and adds its numbers to {@code numbers} if given. */
    private static void decode(String text, @Nullable List<Long> numbers) {
        int i = 0;
        while (i < text.length()) {
            char head = text.charAt(i++);
            boolean positive = head >= 'a' && head < 'a' + MAX_DIGITS;
            boolean negative = head <= 'Z' && head > 'Z' - MAX_DIGITS;
            if (!positive && !negative) {
                throw new IllegalArgumentException("not an order key: " + text);
            }
            int length = positive ? head - 'a' + 1 : 'Z' - head + 1;
            if (i + length > text.length()) {
                throw new IllegalArgumentException("not an order key: " + text);
            }
            long body = 0;
            for (int k = 0; k < length; k++) {
                char c = text.charAt(i + k);
                int digit = c < DIGIT_VALUES.length ? DIGIT_VALUES[c] : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException("not an order key: " + text);
                }
                body = body * BASE + digit;
            }
            i += length;
            long n = positive ? body : -(pow(length) - 1 - body) - 1;
            long magnitude = positive ? n : -(n + 1);
            if (digits(magnitude) != length) {
                throw new IllegalArgumentException("not an order key in canonical form: " + text);
            }
            if (n <= -LIMIT) {
                // Ten negative digits can spell -62^10, one past the range every key's numbers stay in.
                throw new IllegalArgumentException("not an order key: a number is out of range: " + text);
            }
            if (numbers != null) {
                numbers.add(n);
            }
        }
    }

    private static byte[] digitValues() {
        byte[] values = new byte[128];
        Arrays.fill(values, (byte) -1);
        for (int digit = 0; digit < BASE; digit++) {
            values[DIGITS.charAt(digit)] = (byte) digit;
        }
        return values;
    }

    private static void appendDigits(long n, int length, StringBuilder out) {
        char[] chars = new char[length];
        long rest = n;
        for (int k = length - 1; k >= 0; k--) {
            chars[k] = DIGITS.charAt((int) (rest % BASE));
            rest /= BASE;
        }
        out.append(chars);
    }

    private static int digits(long n) {
        int length = 1;
        long rest = n / BASE;
        while (rest > 0) {
            length++;
            rest /= BASE;
        }
        return length;
    }

    private static long pow(int exponent) {
        long result = 1;
        for (int k = 0; k < exponent; k++) {
            result *= BASE;
        }
        return result;
    }
}
