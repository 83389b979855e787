package dev.todo.domain.model;

import java.util.Objects;
import java.util.Optional;

/**
 * How a todo repeats: an RFC 5545 recurrence rule (an RRULE value such as {@code FREQ=WEEKLY;BYDAY=MO,WE}) of the
 * supported subset: {@code FREQ} (DAILY, WEEKLY, MONTHLY, YEARLY), {@code INTERVAL}, {@code BYDAY} (with ordinals for
 * MONTHLY and YEARLY), {@code BYMONTHDAY} (negative too), {@code BYMONTH}, {@code COUNT}, {@code UNTIL} and
 * {@code WKST}.
 *
 * <p>A recurring todo's due is the start of the rest of its series (RFC 5545's DTSTART): the {@linkplain #next next}
 * occurrence is the first the rule gives after it, computed in the due's time zone so that its local time survives a
 * daylight-saving change. {@code COUNT} counts the occurrences left, this one included: the next occurrence's rule has
 * one less, and a rule with {@code COUNT=1} has no next (ADR 0037).
 */
public final class Recurrence {

    /** The member's name, and the field name of its violations. */
    public static final String FIELD = "recurrence";
    /** The longest rule accepted. */
    public static final int MAX_LENGTH = 512;

    private final String value;
    private final RecurrenceRule rule;

    private Recurrence(RecurrenceRule rule) {
        this.value = rule.text();
        this.rule = rule;
    }

    /**
     * Reads a rule as a client writes it (an optional {@code RRULE:} prefix, parts in any order, names and values in
     * any case, at most {@value #MAX_LENGTH} characters). Parts other than the supported ones, a part given twice, a
     * missing {@code FREQ}, {@code COUNT} with {@code UNTIL}, BYDAY ordinals with DAILY or WEEKLY, and
     * {@code BYMONTHDAY} with WEEKLY are refused.
     * @throws ValidationException naming {@value #FIELD}, and in its message the part that is not supported or not
     *     valid, if the text is not a supported rule
     */
    public static Recurrence parse(String text) {
        Objects.requireNonNull(text, "text");
        return new Recurrence(RecurrenceParser.parse(text));
    }

    /**
     * The occurrence after a due, which is taken as the start of the series: its due and the rule it carries (with
     * {@code COUNT} one less); empty when the rule has no more occurrences ({@code COUNT} or {@code UNTIL} reached,
     * or none up to the last year of a due, {@value Due#MAX_YEAR}).
     * A date the rule names that does not exist (the 31st of a 30-day month) is skipped; a local time the zone skips
     * on the next date keeps its local time, and its instant moves forward by the gap ({@link Due#at()}).
     */
    public Optional<Occurrence> next(Due due) {
        Objects.requireNonNull(due, "due");
        Integer count = rule.count();
        RecurrenceRule.Until until = rule.until();
        if (count != null && count <= 1) {
            return Optional.empty();
        }
        return rule.dateAfter(due.date())
                .map(date -> new Due(date, due.time(), due.zone()))
                .filter(next -> until == null || !until.excludes(next))
                .map(next -> new Occurrence(next, count == null ? this : new Recurrence(rule.withCount(count - 1))));
    }

    /**
     * One occurrence of a series.
     * @param recurrence the rule of the series from this occurrence on
     */
    public record Occurrence(Due due, Recurrence recurrence) {

        public Occurrence {
            Objects.requireNonNull(due, "due");
            Objects.requireNonNull(recurrence, "recurrence");
        }
    }

    /** {@return the rule in its canonical text: upper case, parts in the order given, without an RRULE: prefix} */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Recurrence other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
