package dev.todo.domain.model;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A parsed recurrence rule ({@link Recurrence}): its parts as written, for its text, and their meaning, to find the
 * date that follows a start.
 * @param parts the parts in the order given, names and values in upper case
 * @param byDay empty when BYDAY is not given
 * @param byMonthDay empty when BYMONTHDAY is not given
 * @param byMonth empty when BYMONTH is not given
 * @param count the occurrences left, this one included; null when COUNT is not given
 * @param until the last moment an occurrence may fall at; null when UNTIL is not given
 */
record RecurrenceRule(List<Part> parts, Frequency frequency, int interval, List<WeekdayNum> byDay,
        List<Integer> byMonthDay, List<Integer> byMonth, @Nullable Integer count, @Nullable Until until,
        DayOfWeek weekStart) {

    /** The part of a rule named COUNT. */
    static final String COUNT = "COUNT";

    private static final LocalDate LAST = LocalDate.of(Due.MAX_YEAR, 12, 31);

    RecurrenceRule {
        parts = List.copyOf(parts);
        byDay = List.copyOf(byDay);
        byMonthDay = List.copyOf(byMonthDay);
        byMonth = List.copyOf(byMonth);
    }

    /** The FREQ of a rule, and the period it counts its INTERVAL in. */
    enum Frequency { DAILY, WEEKLY, MONTHLY, YEARLY }

    /** One {@code NAME=VALUE} part of a rule. */
    record Part(String name, String value) {

        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    /**
     * One BYDAY entry.
     * @param ordinal the n-th such day of the month or year (negative: from its end), or 0 for every such day
     */
    record WeekdayNum(int ordinal, DayOfWeek day) {
    }

    /**
     * An UNTIL bound.
     * @param dateOnly true for a date (YYYYMMDD), false for a date-time
     * @param utc true for a date-time in UTC (ending in Z), false for a floating one or a date
     */
    record Until(LocalDateTime value, boolean dateOnly, boolean utc) {

        /** {@return true if an occurrence with this due falls after the bound, and so is not one} */
        boolean excludes(Due due) {
            LocalTime time = due.time();
            if (time != null && !dateOnly) {
                LocalDateTime local = LocalDateTime.of(due.date(), time);
                return utc ? due.at().orElseThrow().isAfter(value.toInstant(ZoneOffset.UTC)) : local.isAfter(value);
            }
            return due.date().isAfter(value.toLocalDate());
        }
    }

    /** {@return the canonical text: the parts in their order, joined by semicolons} */
    String text() {
        return parts.stream().map(Part::toString).collect(Collectors.joining(";"));
    }

    /** {@return the same rule with another COUNT, written in the place of the old one} */
    RecurrenceRule withCount(int newCount) {
        List<Part> newParts = new ArrayList<>(parts);
        newParts.replaceAll(p -> p.name().equals(COUNT) ? new Part(COUNT, Integer.toString(newCount)) : p);
        return new RecurrenceRule(newParts, frequency, interval, byDay, byMonthDay, byMonth, newCount, until,
                weekStart);
    }

    /**
     * The first date the rule gives after {@code start}, which is its DTSTART: periods of {@code frequency} are taken
     * every {@code interval} from the one {@code start} falls in, and the first date of one that the BY parts allow
     * is the answer. Empty if there is none up to the last year of a due. The search always ends: the calendar repeats
     * itself every 400 years (146,097 days, 20,871 weeks, 4,800 months), so a rule that gives no date in that many of
     * its periods never does.
     */
    Optional<LocalDate> dateAfter(LocalDate start) {
        long cycle = switch (frequency) {
            case DAILY -> 146_097;
            case WEEKLY -> 20_871;
            case MONTHLY -> 4_800;
            case YEARLY -> 400;
        };
        for (long n = 0; n <= cycle; n++) {
            LocalDate from = periodStart(start, n * interval);
            if (from.isAfter(LAST)) {
                break;
            }
            LocalDate to = periodEnd(from);
            LocalDate day = from;
            while (day.isBefore(to) && !day.isAfter(LAST)) {
                if (!monthMatches(day, start)) {
                    day = day.with(TemporalAdjusters.firstDayOfNextMonth());
                } else if (day.isAfter(start) && dayMatches(day, start)) {
                    return Optional.of(day);
                } else {
                    day = day.plusDays(1);
                }
            }
        }
        return Optional.empty();
    }

    private LocalDate periodStart(LocalDate start, long k) {
        return switch (frequency) {
            case DAILY -> start.plusDays(k);
            case WEEKLY -> start.with(TemporalAdjusters.previousOrSame(weekStart)).plusWeeks(k);
            case MONTHLY -> start.withDayOfMonth(1).plusMonths(k);
            case YEARLY -> start.withDayOfYear(1).plusYears(k);
        };
    }

    private LocalDate periodEnd(LocalDate from) {
        return switch (frequency) {
            case DAILY -> from.plusDays(1);
            case WEEKLY -> from.plusWeeks(1);
            case MONTHLY -> from.plusMonths(1);
            case YEARLY -> from.plusYears(1);
        };
    }

    /** BYMONTH; without it, a YEARLY rule without day parts takes its month from DTSTART. */
    private boolean monthMatches(LocalDate day, LocalDate start) {
        if (!byMonth.isEmpty()) {
            return byMonth.contains(day.getMonthValue());
        }
        return frequency != Frequency.YEARLY || !byDay.isEmpty() || !byMonthDay.isEmpty()
                || day.getMonth() == start.getMonth();
    }

    /**
     * BYMONTHDAY and BYDAY, both when both are given; without either, a MONTHLY or YEARLY rule takes its day of the
     * month from DTSTART, and a WEEKLY one its day of the week.
     */
    private boolean dayMatches(LocalDate day, LocalDate start) {
        if (byMonthDay.isEmpty() && byDay.isEmpty()) {
            return switch (frequency) {
                case DAILY -> true;
                case WEEKLY -> day.getDayOfWeek() == start.getDayOfWeek();
                case MONTHLY, YEARLY -> day.getDayOfMonth() == start.getDayOfMonth();
            };
        }
        return (byMonthDay.isEmpty() || byMonthDay.stream().anyMatch(d -> isMonthDay(day, d)))
                && (byDay.isEmpty() || byDay.stream().anyMatch(d -> isWeekday(day, d)));
    }

    private static boolean isMonthDay(LocalDate day, int monthDay) {
        int length = day.lengthOfMonth();
        return monthDay > 0 ? day.getDayOfMonth() == monthDay : day.getDayOfMonth() == length + 1 + monthDay;
    }

    /** An ordinal counts within the month for MONTHLY (and YEARLY with BYMONTH), else within the year (RFC 5545). */
    private boolean isWeekday(LocalDate day, WeekdayNum weekday) {
        if (day.getDayOfWeek() != weekday.day()) {
            return false;
        }
        if (weekday.ordinal() == 0) {
            return true;
        }
        boolean inMonth = frequency == Frequency.MONTHLY || !byMonth.isEmpty();
        int index = inMonth ? day.getDayOfMonth() : day.getDayOfYear();
        int length = inMonth ? day.lengthOfMonth() : day.lengthOfYear();
        return weekday.ordinal() > 0
                ? (index - 1) / 7 + 1 == weekday.ordinal()
                : (length - index) / 7 + 1 == -weekday.ordinal();
    }
}
