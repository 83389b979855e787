package dev.todo.domain.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a todo is due: a calendar date (all day), or a date and a local time in an IANA time zone. The instant of a timed
 * due ({@link #at()}) is computed from the zone's rules, so that a due keeps its local time whatever the offset.
 * @param time the local time to the second, or null for all day
 * @param zone the time zone of {@code time}, present exactly when {@code time} is
 */
public record Due(LocalDate date, @Nullable LocalTime time, @Nullable ZoneId zone) {

    /** The member's name, and the prefix of its parts' field names in violations. */
    public static final String FIELD = "due";
    /** The field name of the date. */
    public static final String DATE = "due.date";
    /** The field name of the time. */
    public static final String TIME = "due.time";
    /** The field name of the time zone. */
    public static final String TIME_ZONE = "due.time_zone";
    /** The earliest year a due may fall in. */
    public static final int MIN_YEAR = 1900;
    /** The latest year a due may fall in. */
    public static final int MAX_YEAR = 2999;

    private static final String YEARS = "must be in the years " + MIN_YEAR + " to " + MAX_YEAR;
    private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();

    /**
     * Checks the invariants: a year from {@value #MIN_YEAR} to {@value #MAX_YEAR}, a time to the second, and a time
     * and a zone together or not at all. A local time the zone skips is accepted here (see {@link #of}).
     * @throws ValidationException if one is broken
     */
    public Due {
        Objects.requireNonNull(date, "date");
        List<Violation> violations = new ArrayList<>();
        if (!inRange(date)) {
            violations.add(new Violation(DATE, YEARS));
        }
        if (time != null && !time.truncatedTo(ChronoUnit.SECONDS).equals(time)) {
            violations.add(new Violation(TIME, "must be a time to the second, as HH:MM:SS"));
        }
        if ((time == null) != (zone == null)) {
            violations.add(time == null
                    ? new Violation(TIME, "is required with a time zone")
                    : new Violation(TIME_ZONE, "is required with a time"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
    }

    /** An all-day due. */
    public static Due allDay(LocalDate date) {
        return new Due(date, null, null);
    }

    /**
     * A new due at a local time in a zone, for every adapter's input: a time the zone skips (a daylight-saving gap) is
     * refused; an ambiguous one (a time that occurs twice) means the earlier instant.
     * @throws ValidationException if a rule is broken
     */
    public static Due of(LocalDate date, @Nullable LocalTime time, @Nullable ZoneId zone) {
        Due due = new Due(date, time, zone);
        if (time != null && zone != null
                && zone.getRules().getValidOffsets(LocalDateTime.of(date, time)).isEmpty()) {
            throw ValidationException.of(TIME, "does not exist on " + date + " in " + zone.getId()
                    + " (the clocks skip it); choose another time");
        }
        return due;
    }

    /**
     * A new due from the text a client sent: a date as YYYY-MM-DD, a time as HH:MM:SS (or HH:MM), an IANA zone id;
     * every part is checked before it fails.
     * @throws ValidationException listing every part that breaks a rule
     */
    public static Due parse(@Nullable String date, @Nullable String time, @Nullable String timeZone) {
        List<Violation> violations = new ArrayList<>();
        LocalDate day = null;
        LocalTime clock = null;
        ZoneId zone = null;
        if (date == null) {
            violations.add(new Violation(DATE, "is required"));
        } else {
            day = parseDate(date).orElse(null);
            if (day == null) {
                violations.add(new Violation(DATE, "must be a calendar date as YYYY-MM-DD"));
            } else if (!inRange(day)) {
                violations.add(new Violation(DATE, YEARS));
            }
        }
        if (time != null) {
            clock = parseTime(time);
            if (clock == null) {
                violations.add(new Violation(TIME, "must be a time as HH:MM:SS"));
            }
        }
        if (timeZone != null) {
            zone = zone(timeZone).orElse(null);
            if (zone == null) {
                violations.add(new Violation(TIME_ZONE, "must be an IANA time zone id, such as Europe/Berlin"));
            }
        }
        if (time == null && timeZone != null) {
            violations.add(new Violation(TIME, "is required with a time zone"));
        } else if (time != null && timeZone == null) {
            violations.add(new Violation(TIME_ZONE, "is required with a time"));
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return of(Objects.requireNonNull(day), clock, zone);
    }

    /**
     * A calendar date as YYYY-MM-DD within the years a due allows, as query parameters give it.
     * @throws ValidationException naming {@code field} if the text is not one
     */
    public static LocalDate date(String text, String field) {
        LocalDate day = parseDate(text).orElseThrow(
                () -> ValidationException.of(field, "must be a calendar date as YYYY-MM-DD"));
        if (!inRange(day)) {
            throw ValidationException.of(field, YEARS);
        }
        return day;
    }

    private static boolean inRange(LocalDate day) {
        return day.getYear() >= MIN_YEAR && day.getYear() <= MAX_YEAR;
    }

    private static Optional<LocalDate> parseDate(String text) {
        if (text.length() != 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static @Nullable LocalTime parseTime(String text) {
        if (text.length() != 5 && text.length() != 8) {
            return null;
        }
        try {
            return LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The IANA time zone of an id, exactly as the tz database spells it ({@code Europe/Berlin}, {@code UTC}); fixed
     * offsets such as {@code +02:00} are not zones.
     */
    public static Optional<ZoneId> zone(String id) {
        if (!ZONES.contains(id)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** {@return true for a due at a time, false for all day} */
    public boolean timed() {
        return time != null;
    }

    /**
     * {@return the instant a timed due falls at, to the microsecond; empty for all day} A local time the zone skips
     * (possible only if the zone's rules changed since the due was set) moves forward by the gap's length.
     */
    public Optional<Instant> at() {
        if (time == null || zone == null) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.ofLocal(LocalDateTime.of(date, time), zone, null).toInstant()
                .truncatedTo(ChronoUnit.MICROS));
    }

    /**
     * Whether the due has passed at {@code now}: a timed due once its instant is past, an all-day due once its date is
     * before today in {@code zone}.
     */
    public boolean isPast(Instant now, ZoneId today) {
        Optional<Instant> instant = at();
        return instant.isPresent() ? instant.get().isBefore(now) : date.isBefore(LocalDate.ofInstant(now, today));
    }
}
