package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DueTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDateAloneIsAllDay() {
        Due due = Due.parse("2026-12-24", null, null);

        assertThat(due).isEqualTo(Due.allDay(LocalDate.of(2026, 12, 24)));
        assertThat(due.timed()).isFalse();
        assertThat(due.time()).isNull();
        assertThat(due.zone()).isNull();
        assertThat(due.at()).isEmpty();
    }

    @Test
    void aTimeInAZoneFallsAtTheInstantOfThatZonesRules() {
        Due due = Due.parse("2026-12-24", "17:30:00", "Europe/Berlin");

        assertThat(due.timed()).isTrue();
        assertThat(due.time()).isEqualTo(LocalTime.of(17, 30));
        assertThat(due.zone()).isEqualTo(BERLIN);
        assertThat(due.at()).contains(Instant.parse("2026-12-24T16:30:00Z"));
        assertThat(Due.parse("2026-07-24", "17:30:00", "Europe/Berlin").at())
                .contains(Instant.parse("2026-07-24T15:30:00Z"));
        assertThat(Due.parse("2026-12-24", "17:30", "UTC").at()).contains(Instant.parse("2026-12-24T17:30:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-2-01", "2026-02-1", "24.12.2026", "2026/12/24", "2026-02-30", "2026-13-01",
        "2026-12-24T10:00", " 2026-12-24", "+2026-12-24", "", "tomorrow"})
    void aDateMustBeACalendarDateAsYyyyMmDd(String date) {
        assertViolations(() -> Due.parse(date, null, null),
                new Violation(Due.DATE, "must be a calendar date as YYYY-MM-DD"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1900-01-01", "2000-02-29", "2999-12-31"})
    void yearsFrom1900To2999AreAccepted(String date) {
        assertThat(Due.parse(date, null, null).date()).isEqualTo(LocalDate.parse(date));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1899-12-31", "3000-01-01", "0001-01-01", "9999-12-31"})
    void otherYearsAreRefused(String date) {
        assertViolations(() -> Due.parse(date, null, null),
                new Violation(Due.DATE, "must be in the years 1900 to 2999"));
        assertThatThrownBy(() -> Due.allDay(LocalDate.parse(date))).isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"7:30", "07:30:0", "24:00", "25:00:00", "17:30:00.5", "17:30:60", "noon", ""})
    void aTimeMustBeHhMmSs(String time) {
        assertViolations(() -> Due.parse("2026-12-24", time, "Europe/Berlin"),
                new Violation(Due.TIME, "must be a time as HH:MM:SS"));
    }

    @Test
    void aTimeNeedsAZoneAndAZoneATime() {
        assertViolations(() -> Due.parse("2026-12-24", "17:30:00", null),
                new Violation(Due.TIME_ZONE, "is required with a time"));
        assertViolations(() -> Due.parse("2026-12-24", null, "Europe/Berlin"),
                new Violation(Due.TIME, "is required with a time zone"));
        assertThatThrownBy(() -> new Due(LocalDate.of(2026, 12, 24), LocalTime.NOON, null))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> new Due(LocalDate.of(2026, 12, 24), null, BERLIN))
                .isInstanceOf(ValidationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+02:00", "-05:00", "Z", "UTC+2", "GMT+02:00", "europe/berlin", "Europe/Berlin ",
        "Mars/Olympus_Mons", ""})
    void onlyIanaZoneIdsAreZones(String zone) {
        assertThat(Due.zone(zone)).isEmpty();
        assertViolations(() -> Due.parse("2026-12-24", "17:30:00", zone),
                new Violation(Due.TIME_ZONE, "must be an IANA time zone id, such as Europe/Berlin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC", "Pacific/Chatham"})
    void ianaZoneIdsAreAccepted(String zone) {
        assertThat(Due.zone(zone)).contains(ZoneId.of(zone));
        assertThat(Due.parse("2026-12-24", "17:30:00", zone).zone()).isEqualTo(ZoneId.of(zone));
    }

    @Test
    void aTimeTheClocksSkipIsRefused() {
        assertThatThrownBy(() -> Due.parse("2026-03-29", "02:30:00", "Europe/Berlin"))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).extracting(Violation::field).containsExactly(Due.TIME);
                    assertThat(e.violations().get(0).message()).contains("does not exist", "2026-03-29",
                            "Europe/Berlin");
                });
        assertThat(Due.parse("2026-03-29", "01:59:59", "Europe/Berlin").at())
                .contains(Instant.parse("2026-03-29T00:59:59Z"));
        assertThat(Due.parse("2026-03-29", "03:00:00", "Europe/Berlin").at())
                .contains(Instant.parse("2026-03-29T01:00:00Z"));
    }

    @Test
    void anAmbiguousTimeTakesTheEarlierInstant() {
        assertThat(Due.parse("2026-10-25", "02:30:00", "Europe/Berlin").at())
                .contains(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(Due.parse("2026-11-01", "01:30:00", "America/New_York").at())
                .contains(Instant.parse("2026-11-01T05:30:00Z"));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        assertViolations(() -> Due.parse("2026-02-30", "25:00", "+02:00"),
                new Violation(Due.DATE, "must be a calendar date as YYYY-MM-DD"),
                new Violation(Due.TIME, "must be a time as HH:MM:SS"),
                new Violation(Due.TIME_ZONE, "must be an IANA time zone id, such as Europe/Berlin"));
        assertViolations(() -> Due.parse(null, "10:00", null),
                new Violation(Due.DATE, "is required"),
                new Violation(Due.TIME_ZONE, "is required with a time"));
        assertViolations(() -> Due.parse("3000-01-01", null, "Europe/Berlin"),
                new Violation(Due.DATE, "must be in the years 1900 to 2999"),
                new Violation(Due.TIME, "is required with a time zone"));
    }

    @Test
    void aQueryDateNamesItsField() {
        assertThat(Due.date("2026-12-24", "due_before")).isEqualTo(LocalDate.of(2026, 12, 24));
        assertViolations(() -> Due.date("2026-02-29", "due_before"),
                new Violation("due_before", "must be a calendar date as YYYY-MM-DD"));
        assertViolations(() -> Due.date("1899-12-31", "due_after"),
                new Violation("due_after", "must be in the years 1900 to 2999"));
    }

    @Test
    void aTimedDueIsPastOnceItsInstantIs() {
        Due due = Due.parse("2026-12-24", "17:30:00", "Europe/Berlin");
        Instant at = Instant.parse("2026-12-24T16:30:00Z");

        assertThat(due.isPast(at.minusNanos(1000), ZoneId.of("UTC"))).isFalse();
        assertThat(due.isPast(at, ZoneId.of("UTC"))).isFalse();
        assertThat(due.isPast(at.plusNanos(1000), ZoneId.of("UTC"))).isTrue();
        assertThat(due.isPast(at.plusNanos(1000), ZoneId.of("Pacific/Kiritimati"))).as("the zone does not matter")
                .isTrue();
    }

    @Test
    void anAllDayDueIsPastOnceItsDateIsBeforeTodayInTheZoneGiven() {
        Due due = Due.allDay(LocalDate.of(2026, 12, 24));
        Instant lateOnTheDayInUtc = Instant.parse("2026-12-24T23:30:00Z");
        Instant earlyNextDayInUtc = Instant.parse("2026-12-25T00:30:00Z");

        assertThat(due.isPast(lateOnTheDayInUtc, ZoneId.of("UTC"))).isFalse();
        assertThat(due.isPast(lateOnTheDayInUtc, ZoneId.of("Pacific/Auckland"))).isTrue();
        assertThat(due.isPast(earlyNextDayInUtc, ZoneId.of("UTC"))).isTrue();
        assertThat(due.isPast(earlyNextDayInUtc, ZoneId.of("America/Los_Angeles"))).isFalse();
    }

    private static void assertViolations(Runnable parse, Violation... expected) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).containsExactlyElementsOf(List.of(expected)));
    }
}
