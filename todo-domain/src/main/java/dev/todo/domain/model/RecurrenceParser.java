package dev.todo.domain.model;

import dev.todo.domain.model.RecurrenceRule.Frequency;
import dev.todo.domain.model.RecurrenceRule.Part;
import dev.todo.domain.model.RecurrenceRule.Until;
import dev.todo.domain.model.RecurrenceRule.WeekdayNum;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the text of a {@link Recurrence} into a {@link RecurrenceRule}, reporting every part it cannot accept. */
final class RecurrenceParser {

    private static final String PREFIX = "RRULE:";
    private static final List<String> SUPPORTED =
            List.of("FREQ", "INTERVAL", "BYDAY", "BYMONTHDAY", "BYMONTH", "COUNT", "UNTIL", "WKST");
    private static final String UNSUPPORTED =
            " is not supported; supported parts are FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL and WKST";
    private static final Map<String, DayOfWeek> DAYS = Map.of("MO", DayOfWeek.MONDAY, "TU", DayOfWeek.TUESDAY,
            "WE", DayOfWeek.WEDNESDAY, "TH", DayOfWeek.THURSDAY, "FR", DayOfWeek.FRIDAY, "SA", DayOfWeek.SATURDAY,
            "SU", DayOfWeek.SUNDAY);
    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9-]*");
    private static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]{1,4}");
    private static final Pattern ORDINAL = Pattern.compile("[+-]?[0-9]{1,2}");
    private static final Pattern UNTIL = Pattern.compile("([0-9]{8})(?:T([0-9]{6})(Z?))?");
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HHmmss").withResolverStyle(ResolverStyle.STRICT);

    private static final String FREQ_VALUES = "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY";
    private static final String INTERVAL_VALUES = "INTERVAL must be a whole number from 1 to 999";
    private static final String COUNT_VALUES = "COUNT must be a whole number from 1 to 1000";
    private static final String BYDAY_VALUES = "BYDAY must be a comma-separated list of days (MO, TU, WE, TH, FR, SA,"
            + " SU), each with an optional ordinal from 1 to 53 or -53 to -1, such as 1MO or -1FR";
    private static final String BYMONTHDAY_VALUES =
            "BYMONTHDAY must be a comma-separated list of days of the month from 1 to 31 or -31 to -1";
    private static final String BYMONTH_VALUES = "BYMONTH must be a comma-separated list of months from 1 to 12";
    private static final String UNTIL_VALUES =
            "UNTIL must be a date as YYYYMMDD or a date-time as YYYYMMDDTHHMMSS, optionally ending in Z for UTC";
    private static final String WKST_VALUES = "WKST must be one of MO, TU, WE, TH, FR, SA or SU";

    private final List<Violation> violations = new ArrayList<>();

    private RecurrenceParser() {
    }

    /**
     * Parses a rule's text.
     * @throws ValidationException naming {@value Recurrence#FIELD}, one violation for each problem found
     */
    static RecurrenceRule parse(String text) {
        if (text.length() > Recurrence.MAX_LENGTH) {
            throw ValidationException.of(Recurrence.FIELD, "must be at most " + Recurrence.MAX_LENGTH + " characters");
        }
        if (!text.chars().allMatch(c -> c > ' ' && c < 0x7F)) {
            throw ValidationException.of(Recurrence.FIELD,
                    "must be ASCII text without spaces or control characters, such as FREQ=WEEKLY;BYDAY=MO");
        }
        return new RecurrenceParser().rule(text.toUpperCase(Locale.ROOT));
    }

    private RecurrenceRule rule(String text) {
        String body = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
        List<Part> parts = parts(body);
        Map<String, String> values = new HashMap<>();
        parts.forEach(p -> values.put(p.name(), p.value()));

        Frequency frequency = value(values, "FREQ", RecurrenceParser::frequency, FREQ_VALUES);
        Integer interval = value(values, "INTERVAL", v -> number(v, 1, 999), INTERVAL_VALUES);
        List<WeekdayNum> byDay = list(values, "BYDAY", RecurrenceParser::weekdayNum, BYDAY_VALUES);
        List<Integer> byMonthDay = list(values, "BYMONTHDAY", RecurrenceParser::monthDay, BYMONTHDAY_VALUES);
        List<Integer> byMonth = list(values, "BYMONTH", v -> number(v, 1, 12), BYMONTH_VALUES);
        Integer count = value(values, RecurrenceRule.COUNT, v -> number(v, 1, 1000), COUNT_VALUES);
        Until until = value(values, "UNTIL", RecurrenceParser::until, UNTIL_VALUES);
        DayOfWeek weekStart = value(values, "WKST", DAYS::get, WKST_VALUES);

        if (!values.containsKey("FREQ")) {
            violations.add(violation("FREQ is required, such as FREQ=WEEKLY"));
        }
        if (values.containsKey(RecurrenceRule.COUNT) && values.containsKey("UNTIL")) {
            violations.add(violation("COUNT and UNTIL cannot be used together; give one of them"));
        }
        if (frequency != null) {
            checkFrequency(frequency, byDay, byMonthDay);
        }
        if (frequency == null || !violations.isEmpty()) { // without a FREQ, a violation says why
            throw new ValidationException(violations);
        }
        return new RecurrenceRule(parts, frequency, interval == null ? 1 : interval, byDay, byMonthDay, byMonth,
                count, until, weekStart == null ? DayOfWeek.MONDAY : weekStart);
    }

    /** Splits the parts, keeping the supported ones given once, in their order. */
    private List<Part> parts(String body) {
        List<Part> parts = new ArrayList<>();
        if (body.isEmpty()) {
            return parts;
        }
        for (String part : body.split(";", -1)) {
            int equals = part.indexOf('=');
            String name = equals < 0 ? part : part.substring(0, equals);
            if (equals <= 0 || !NAME.matcher(name).matches()) {
                violations.add(violation("every part must be NAME=VALUE, such as FREQ=WEEKLY; \"" + part
                        + "\" is not"));
            } else if (!SUPPORTED.contains(name)) {
                violations.add(violation(name + UNSUPPORTED));
            } else if (parts.stream().anyMatch(p -> p.name().equals(name))) {
                violations.add(violation(name + " must be given at most once"));
            } else {
                parts.add(new Part(name, part.substring(equals + 1)));
            }
        }
        return parts;
    }

    private void checkFrequency(Frequency frequency, List<WeekdayNum> byDay, List<Integer> byMonthDay) {
        int maxOrdinal = byDay.stream().mapToInt(d -> Math.abs(d.ordinal())).max().orElse(0);
        if (maxOrdinal > 0 && (frequency == Frequency.DAILY || frequency == Frequency.WEEKLY)) {
            violations.add(violation("BYDAY ordinals (such as 1MO or -1FR) are allowed only with FREQ=MONTHLY or"
                    + " FREQ=YEARLY"));
        } else if (maxOrdinal > 5 && frequency == Frequency.MONTHLY) {
            violations.add(violation("BYDAY ordinals must be from 1 to 5 or -5 to -1 with FREQ=MONTHLY"));
        }
        if (!byMonthDay.isEmpty() && frequency == Frequency.WEEKLY) {
            violations.add(violation("BYMONTHDAY is not allowed with FREQ=WEEKLY"));
        }
    }

    /** The value of a part, or null if it is not given or not valid (a violation then says so). */
    private <T> @Nullable T value(Map<String, String> values, String name, Function<String, @Nullable T> read,
            String message) {
        String text = values.get(name);
        if (text == null) {
            return null;
        }
        T value = text.isEmpty() ? null : read.apply(text);
        if (value == null) {
            violations.add(violation(message));
        }
        return value;
    }

    /** The values of a comma-separated part, or an empty list if it is not given or not valid. */
    private <T> List<T> list(Map<String, String> values, String name, Function<String, @Nullable T> read,
            String message) {
        String text = values.get(name);
        if (text == null) {
            return List.of();
        }
        List<T> list = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            T value = item.isEmpty() ? null : read.apply(item);
            if (value == null) {
                violations.add(violation(message));
                return List.of();
            }
            list.add(value);
        }
        return list;
    }

    private static Violation violation(String message) {
        return new Violation(Recurrence.FIELD, message);
    }

    private static @Nullable Frequency frequency(String text) {
        for (Frequency frequency : Frequency.values()) {
            if (frequency.name().equals(text)) {
                return frequency;
            }
        }
        return null;
    }

    private static @Nullable Integer number(String text, int min, int max) {
        if (!NUMBER.matcher(text).matches() || text.startsWith("+") || text.startsWith("-")) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value >= min && value <= max ? value : null;
    }

    private static @Nullable Integer monthDay(String text) {
        if (!NUMBER.matcher(text).matches()) {
            return null;
        }
        int value = Integer.parseInt(text);
        return value != 0 && Math.abs(value) <= 31 ? value : null;
    }

    private static @Nullable WeekdayNum weekdayNum(String text) {
        int split = text.length() - 2;
        DayOfWeek day = split < 0 ? null : DAYS.get(text.substring(split));
        String ordinal = split < 0 ? "" : text.substring(0, split);
        if (day == null || !(ordinal.isEmpty() || ORDINAL.matcher(ordinal).matches())) {
            return null;
        }
        int value = ordinal.isEmpty() ? 0 : Integer.parseInt(ordinal);
        return ordinal.isEmpty() || (value != 0 && Math.abs(value) <= 53) ? new WeekdayNum(value, day) : null;
    }

    private static @Nullable Until until(String text) {
        Matcher matcher = UNTIL.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(matcher.group(1), DATE);
            String time = matcher.group(2);
            return time == null
                    ? new Until(date.atStartOfDay(), true, false)
                    : new Until(LocalDateTime.of(date, LocalTime.parse(time, TIME)), false,
                            !matcher.group(3).isEmpty());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
