package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecurrenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final String SUPPORTED =
            " is not supported; supported parts are FREQ, INTERVAL, BYDAY, BYMONTHDAY, BYMONTH, COUNT, UNTIL and WKST";

    // --- the text of a rule

    @Test
    void theCanonicalTextIsUpperCaseInTheOrderGivenWithoutThePrefix() {
        assertThat(Recurrence.parse("rrule:freq=weekly;byday=mo,we").value()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE");
        assertThat(Recurrence.parse("RRULE:FREQ=WEEKLY;BYDAY=MO,WE").value()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE");
        assertThat(Recurrence.parse("ByDay=-1fr;Freq=Monthly;Count=3").value())
                .isEqualTo("BYDAY=-1FR;FREQ=MONTHLY;COUNT=3");
        assertThat(Recurrence.parse("FREQ=DAILY").toString()).isEqualTo("FREQ=DAILY");
    }

    @Test
    void rulesAreEqualByTheirCanonicalText() {
        assertThat(Recurrence.parse("freq=daily;interval=2")).isEqualTo(Recurrence.parse("RRULE:FREQ=DAILY;INTERVAL=2"))
                .hasSameHashCodeAs(Recurrence.parse("FREQ=DAILY;INTERVAL=2"))
                .isNotEqualTo(Recurrence.parse("INTERVAL=2;FREQ=DAILY"));
    }

    @Test
    void everySupportedPartIsAccepted() {
        assertThat(Recurrence.parse("FREQ=YEARLY;INTERVAL=999;BYDAY=MO,+2TU,-53SU;BYMONTHDAY=1,-31;BYMONTH=1,12;"
                + "COUNT=1000;WKST=SU").value())
                .isEqualTo("FREQ=YEARLY;INTERVAL=999;BYDAY=MO,+2TU,-53SU;BYMONTHDAY=1,-31;BYMONTH=1,12;COUNT=1000;WKST=SU");
        assertThat(Recurrence.parse("FREQ=DAILY;UNTIL=20261224").value()).isEqualTo("FREQ=DAILY;UNTIL=20261224");
        assertThat(Recurrence.parse("FREQ=DAILY;UNTIL=20261224T173000").value()).endsWith("UNTIL=20261224T173000");
        assertThat(Recurrence.parse("FREQ=DAILY;UNTIL=20261224t173000z").value()).endsWith("UNTIL=20261224T173000Z");
        assertThat(Recurrence.parse("FREQ=MONTHLY;BYDAY=5FR,-5MO").value()).isEqualTo("FREQ=MONTHLY;BYDAY=5FR,-5MO");
    }

    @Test
    void theLongestTextIsAccepted() {
        String rule = "FREQ=DAILY;BYMONTH=" + "1,".repeat(300);
        String longest = rule.substring(0, Recurrence.MAX_LENGTH - 1) + "1";
        assertThat(longest).hasSize(Recurrence.MAX_LENGTH);

        assertThat(Recurrence.parse(longest).value()).isEqualTo(longest);
        assertViolations(longest + "1", "must be at most 512 characters");
    }

    // --- refused rules

    @ParameterizedTest
    @ValueSource(strings = {"BYSETPOS=-1", "BYHOUR=9", "BYMINUTE=30", "BYSECOND=0", "BYWEEKNO=20", "BYYEARDAY=1",
        "X-NAME=1", "RSCALE=GREGORIAN", "SKIP=FORWARD", "FOO=BAR", "byweekno=20"})
    void everyUnsupportedPartIsNamed(String part) {
        String name = part.substring(0, part.indexOf('=')).toUpperCase(java.util.Locale.ROOT);
        assertViolations("FREQ=MONTHLY;" + part, name + SUPPORTED);
    }

    @Test
    void theRfcExamplesOutsideTheSubsetAreRefused() {
        assertViolations("FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200", "BYYEARDAY" + SUPPORTED);
        assertViolations("FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO", "BYWEEKNO" + SUPPORTED);
        assertViolations("FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3", "BYSETPOS" + SUPPORTED);
        assertViolations("FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40",
                "BYHOUR" + SUPPORTED, "BYMINUTE" + SUPPORTED);
        assertViolations("FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z",
                "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
        assertViolations("FREQ=MINUTELY;INTERVAL=15;COUNT=6", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FREQ=SECONDLY | FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY",
        "FREQ=FORTNIGHTLY | FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY",
        "FREQ= | FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY",
        "FREQ=DAILY;INTERVAL=0 | INTERVAL must be a whole number from 1 to 999",
        "FREQ=DAILY;INTERVAL=1000 | INTERVAL must be a whole number from 1 to 999",
        "FREQ=DAILY;INTERVAL=-1 | INTERVAL must be a whole number from 1 to 999",
        "FREQ=DAILY;INTERVAL=+1 | INTERVAL must be a whole number from 1 to 999",
        "FREQ=DAILY;INTERVAL=two | INTERVAL must be a whole number from 1 to 999",
        "FREQ=DAILY;INTERVAL= | INTERVAL must be a whole number from 1 to 999",
        "FREQ=DAILY;INTERVAL=99999999999 | INTERVAL must be a whole number from 1 to 999",
        "FREQ=DAILY;COUNT=0 | COUNT must be a whole number from 1 to 1000",
        "FREQ=DAILY;COUNT=1001 | COUNT must be a whole number from 1 to 1000",
        "FREQ=DAILY;COUNT=1.5 | COUNT must be a whole number from 1 to 1000",
        "FREQ=MONTHLY;BYMONTHDAY=0 | BYMONTHDAY must be a comma-separated list of days of the month from 1 to 31 or -31 to -1",
        "FREQ=MONTHLY;BYMONTHDAY=32 | BYMONTHDAY must be a comma-separated list of days of the month from 1 to 31 or -31 to -1",
        "FREQ=MONTHLY;BYMONTHDAY=-32 | BYMONTHDAY must be a comma-separated list of days of the month from 1 to 31 or -31 to -1",
        "FREQ=MONTHLY;BYMONTHDAY=1,,2 | BYMONTHDAY must be a comma-separated list of days of the month from 1 to 31 or -31 to -1",
        "FREQ=MONTHLY;BYMONTHDAY=1, | BYMONTHDAY must be a comma-separated list of days of the month from 1 to 31 or -31 to -1",
        "FREQ=YEARLY;BYMONTH=0 | BYMONTH must be a comma-separated list of months from 1 to 12",
        "FREQ=YEARLY;BYMONTH=13 | BYMONTH must be a comma-separated list of months from 1 to 12",
        "FREQ=YEARLY;BYMONTH=JAN | BYMONTH must be a comma-separated list of months from 1 to 12",
        "FREQ=DAILY;UNTIL=2026122 | UNTIL must be a date as YYYYMMDD or a date-time as YYYYMMDDTHHMMSS, optionally ending in Z for UTC",
        "FREQ=DAILY;UNTIL=20261332 | UNTIL must be a date as YYYYMMDD or a date-time as YYYYMMDDTHHMMSS, optionally ending in Z for UTC",
        "FREQ=DAILY;UNTIL=20260230 | UNTIL must be a date as YYYYMMDD or a date-time as YYYYMMDDTHHMMSS, optionally ending in Z for UTC",
        "FREQ=DAILY;UNTIL=20261224T250000Z | UNTIL must be a date as YYYYMMDD or a date-time as YYYYMMDDTHHMMSS, optionally ending in Z for UTC",
        "FREQ=DAILY;UNTIL=20261224T1730 | UNTIL must be a date as YYYYMMDD or a date-time as YYYYMMDDTHHMMSS, optionally ending in Z for UTC",
        "FREQ=DAILY;UNTIL=2026-12-24 | UNTIL must be a date as YYYYMMDD or a date-time as YYYYMMDDTHHMMSS, optionally ending in Z for UTC",
        "FREQ=DAILY;WKST=XX | WKST must be one of MO, TU, WE, TH, FR, SA or SU",
        "FREQ=DAILY;WKST=MONDAY | WKST must be one of MO, TU, WE, TH, FR, SA or SU",
    })
    void aMalformedValueNamesItsPart(String rule, String message) {
        assertViolations(rule, message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "0MO", "54MO", "-54MO", "+MO", "MO,,TU", "MO,", "M", "1", "MOTU", "100MO"})
    void aMalformedBydayIsRefused(String byDay) {
        assertViolations("FREQ=YEARLY;BYDAY=" + byDay, "BYDAY must be a comma-separated list of days (MO, TU, WE, TH,"
                + " FR, SA, SU), each with an optional ordinal from 1 to 53 or -53 to -1, such as 1MO or -1FR");
    }

    @Test
    void freqIsRequired() {
        assertViolations("INTERVAL=2", "FREQ is required, such as FREQ=WEEKLY");
        assertViolations("", "FREQ is required, such as FREQ=WEEKLY");
        assertViolations("RRULE:", "FREQ is required, such as FREQ=WEEKLY");
    }

    @Test
    void aPartIsGivenOnce() {
        assertViolations("FREQ=DAILY;FREQ=WEEKLY", "FREQ must be given at most once");
        assertViolations("FREQ=DAILY;count=2;COUNT=2", "COUNT must be given at most once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ", "FREQ=DAILY;", ";FREQ=DAILY", "=DAILY", "FREQ=DAILY;;COUNT=2", "FREQ:DAILY",
        "FREQ=DAILY;COUNT"})
    void everyPartIsNameEqualsValue(String rule) {
        assertThatThrownBy(() -> Recurrence.parse(rule)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(Recurrence.FIELD);
                    assertThat(v.message()).startsWith("every part must be NAME=VALUE, such as FREQ=WEEKLY; \"");
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {" FREQ=DAILY", "FREQ=WEEKLY; BYDAY=MO", "FREQ=DAILY\n", "FREQ=DA\u0131LY", "FREQ=DAILY\u0000",
        "FREQ=WEEKLY;BYDAY=MO\u00A0"})
    void aRuleIsAsciiWithoutSpaces(String rule) {
        assertViolations(rule, "must be ASCII text without spaces or control characters, such as FREQ=WEEKLY;BYDAY=MO");
    }

    @Test
    void countAndUntilAreNotGivenTogether() {
        assertViolations("FREQ=DAILY;COUNT=3;UNTIL=20261224",
                "COUNT and UNTIL cannot be used together; give one of them");
    }

    @Test
    void bydayOrdinalsNeedAMonthlyOrYearlyRule() {
        String message = "BYDAY ordinals (such as 1MO or -1FR) are allowed only with FREQ=MONTHLY or FREQ=YEARLY";
        assertViolations("FREQ=WEEKLY;BYDAY=1MO", message);
        assertViolations("FREQ=DAILY;BYDAY=MO,-1FR", message);
        assertViolations("FREQ=MONTHLY;BYDAY=6MO", "BYDAY ordinals must be from 1 to 5 or -5 to -1 with FREQ=MONTHLY");
        assertViolations("FREQ=MONTHLY;BYDAY=-6MO", "BYDAY ordinals must be from 1 to 5 or -5 to -1 with FREQ=MONTHLY");
        assertThat(Recurrence.parse("FREQ=YEARLY;BYDAY=53MO,-53FR").value()).isEqualTo("FREQ=YEARLY;BYDAY=53MO,-53FR");
        assertThat(Recurrence.parse("FREQ=WEEKLY;BYDAY=MO,FR").value()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,FR");
    }

    @Test
    void bymonthdayIsNotForAWeeklyRule() {
        assertViolations("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY is not allowed with FREQ=WEEKLY");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertViolations("interval=0;bysetpos=1;count=5;until=20261224;byday=1mo",
                "BYSETPOS" + SUPPORTED,
                "INTERVAL must be a whole number from 1 to 999",
                "FREQ is required, such as FREQ=WEEKLY",
                "COUNT and UNTIL cannot be used together; give one of them");
    }

    // --- next occurrences

    @Test
    void theNextOccurrenceKeepsTheTimeAndZone() {
        Due due = Due.of(LocalDate.of(2026, 12, 7), LocalTime.of(17, 30), BERLIN);

        assertThat(next("FREQ=DAILY", due)).contains(Due.of(LocalDate.of(2026, 12, 8), LocalTime.of(17, 30), BERLIN));
        assertThat(next("FREQ=WEEKLY;BYDAY=MO,WE", due))
                .contains(Due.of(LocalDate.of(2026, 12, 9), LocalTime.of(17, 30), BERLIN));
    }

    @Test
    void aRuleWithoutCountIsCarriedAsItIs() {
        Recurrence rule = Recurrence.parse("FREQ=WEEKLY");

        assertThat(rule.next(Due.allDay(LocalDate.of(2026, 12, 7))))
                .hasValueSatisfying(next -> assertThat(next.recurrence()).isEqualTo(rule));
    }

    @Test
    void countCountsWhatIsLeftAndIsWrittenInItsPlace() {
        Optional<Recurrence.Occurrence> next = Recurrence.parse("freq=daily;count=3;interval=2")
                .next(Due.allDay(LocalDate.of(2026, 12, 7)));

        assertThat(next).hasValueSatisfying(o -> {
            assertThat(o.due()).isEqualTo(Due.allDay(LocalDate.of(2026, 12, 9)));
            assertThat(o.recurrence().value()).isEqualTo("FREQ=DAILY;COUNT=2;INTERVAL=2");
        });
        assertThat(next.get().recurrence().next(next.get().due()))
                .hasValueSatisfying(o -> assertThat(o.recurrence().value()).isEqualTo("FREQ=DAILY;COUNT=1;INTERVAL=2"));
    }

    @Test
    void theMonthlyDayComesFromTheDueAndMonthsWithoutItAreSkipped() {
        assertThat(dates("FREQ=MONTHLY", Due.allDay(LocalDate.of(2026, 1, 31)), 7)).containsExactly(
                LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 5, 31),
                LocalDate.of(2026, 7, 31), LocalDate.of(2026, 8, 31), LocalDate.of(2026, 10, 31),
                LocalDate.of(2026, 12, 31));
        assertThat(dates("FREQ=MONTHLY;BYMONTHDAY=31", Due.allDay(LocalDate.of(2026, 1, 31)), 3)).containsExactly(
                LocalDate.of(2026, 1, 31), LocalDate.of(2026, 3, 31), LocalDate.of(2026, 5, 31));
        assertThat(dates("FREQ=MONTHLY;BYMONTHDAY=-1", Due.allDay(LocalDate.of(2026, 1, 31)), 3)).containsExactly(
                LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31));
    }

    @Test
    void theYearlyDayAndMonthComeFromTheDue() {
        assertThat(dates("FREQ=YEARLY", Due.allDay(LocalDate.of(2024, 2, 29)), 3)).containsExactly(
                LocalDate.of(2024, 2, 29), LocalDate.of(2028, 2, 29), LocalDate.of(2032, 2, 29));
        assertThat(dates("FREQ=YEARLY;BYMONTH=3", Due.allDay(LocalDate.of(2026, 1, 15)), 3)).containsExactly(
                LocalDate.of(2026, 1, 15), LocalDate.of(2026, 3, 15), LocalDate.of(2027, 3, 15));
    }

    @Test
    void aWeeklyRuleWithoutBydayKeepsTheDuesWeekday() {
        assertThat(dates("FREQ=WEEKLY;INTERVAL=3", Due.allDay(LocalDate.of(2026, 12, 10)), 3)).containsExactly(
                LocalDate.of(2026, 12, 10), LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 21));
    }

    @Test
    void weeksStartOnMondayUnlessWkstSaysOtherwise() {
        Due tuesday = Due.allDay(LocalDate.of(1997, 8, 5));

        assertThat(dates("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU", tuesday, 10)).containsExactly(
                LocalDate.of(1997, 8, 5), LocalDate.of(1997, 8, 10), LocalDate.of(1997, 8, 19),
                LocalDate.of(1997, 8, 24));
        assertThat(dates("FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU", tuesday, 10)).containsExactly(
                LocalDate.of(1997, 8, 5), LocalDate.of(1997, 8, 17), LocalDate.of(1997, 8, 19),
                LocalDate.of(1997, 8, 31));
    }

    @Test
    void theNextIsStrictlyAfterTheDuesDateEvenWhenTheDueDoesNotFitTheRule() {
        Due thursday = Due.allDay(LocalDate.of(2026, 12, 10));

        assertThat(next("FREQ=WEEKLY;BYDAY=TH", thursday)).contains(Due.allDay(LocalDate.of(2026, 12, 17)));
        assertThat(next("FREQ=WEEKLY;BYDAY=MO", thursday)).contains(Due.allDay(LocalDate.of(2026, 12, 14)));
        assertThat(next("FREQ=MONTHLY;BYMONTHDAY=5", thursday)).contains(Due.allDay(LocalDate.of(2027, 1, 5)));
        assertThat(next("FREQ=MONTHLY;BYMONTHDAY=20", thursday)).contains(Due.allDay(LocalDate.of(2026, 12, 20)));
    }

    // --- daylight saving

    @Test
    void aDailyTodoInTheSpringGapKeepsItsLocalTimeAndMovesItsInstantForward() {
        List<Due> series = series("FREQ=DAILY", new Due(LocalDate.of(2026, 3, 28), LocalTime.of(2, 30), BERLIN), 3);

        assertThat(series).extracting(Due::time).containsOnly(LocalTime.of(2, 30));
        assertThat(series).extracting(Due::date).containsExactly(
                LocalDate.of(2026, 3, 28), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 3, 30));
        assertThat(series).extracting(due -> due.at().orElseThrow()).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"), // 02:30 CET
                Instant.parse("2026-03-29T01:30:00Z"), // 02:30 does not exist: 03:30 CEST
                Instant.parse("2026-03-30T00:30:00Z")); // 02:30 CEST
    }

    @Test
    void aDailyTodoInTheAutumnOverlapTakesTheEarlierInstant() {
        List<Due> series = series("FREQ=DAILY", Due.of(LocalDate.of(2026, 10, 24), LocalTime.of(2, 30), BERLIN), 3);

        assertThat(series).extracting(Due::time).containsOnly(LocalTime.of(2, 30));
        assertThat(series).extracting(due -> due.at().orElseThrow()).containsExactly(
                Instant.parse("2026-10-24T00:30:00Z"), // 02:30 CEST
                Instant.parse("2026-10-25T00:30:00Z"), // 02:30 twice: the first, CEST
                Instant.parse("2026-10-26T01:30:00Z")); // 02:30 CET
    }

    @Test
    void aWeeklyTodoInNewYorkKeepsNineOClockAcrossBothChanges() {
        Due start = Due.of(LocalDate.of(2026, 3, 2), LocalTime.of(9, 0), NEW_YORK);
        List<Due> march = series("FREQ=WEEKLY", start, 2);
        List<Due> november = series("FREQ=WEEKLY", Due.of(LocalDate.of(2026, 10, 26), LocalTime.of(9, 0), NEW_YORK), 2);

        assertThat(march).extracting(Due::time).containsOnly(LocalTime.of(9, 0));
        assertThat(march).extracting(due -> due.at().orElseThrow()).containsExactly(
                Instant.parse("2026-03-02T14:00:00Z"), Instant.parse("2026-03-09T13:00:00Z"));
        assertThat(november).extracting(Due::time).containsOnly(LocalTime.of(9, 0));
        assertThat(november).extracting(due -> due.at().orElseThrow()).containsExactly(
                Instant.parse("2026-10-26T13:00:00Z"), Instant.parse("2026-11-02T14:00:00Z"));
    }

    @Test
    void anAllDayDueStaysAllDay() {
        assertThat(next("FREQ=DAILY", Due.allDay(LocalDate.of(2026, 3, 28))))
                .contains(Due.allDay(LocalDate.of(2026, 3, 29)))
                .hasValueSatisfying(due -> assertThat(due.timed()).isFalse());
    }

    // --- UNTIL

    @Test
    void untilIsInclusive() {
        assertThat(dates("FREQ=DAILY;UNTIL=20261210", Due.allDay(LocalDate.of(2026, 12, 8)), 10)).containsExactly(
                LocalDate.of(2026, 12, 8), LocalDate.of(2026, 12, 9), LocalDate.of(2026, 12, 10));
        assertThat(dates("FREQ=DAILY;UNTIL=20261210",
                Due.of(LocalDate.of(2026, 12, 8), LocalTime.of(23, 0), BERLIN), 10))
                .as("a date bounds the local date").hasSize(3);
    }

    @Test
    void aUtcUntilIsComparedWithTheInstantOfATimedDue() {
        Due due = Due.of(LocalDate.of(2026, 12, 8), LocalTime.of(9, 0), BERLIN); // 08:00Z

        assertThat(next("FREQ=DAILY;UNTIL=20261209T080000Z", due)).isPresent();
        assertThat(next("FREQ=DAILY;UNTIL=20261209T075959Z", due)).isEmpty();
    }

    @Test
    void aFloatingUntilIsComparedWithTheLocalDateAndTime() {
        Due due = Due.of(LocalDate.of(2026, 12, 8), LocalTime.of(9, 0), BERLIN);

        assertThat(next("FREQ=DAILY;UNTIL=20261209T090000", due)).isPresent();
        assertThat(next("FREQ=DAILY;UNTIL=20261209T085959", due)).isEmpty();
    }

    @Test
    void aUtcUntilIsComparedAsAUtcDateWithAnAllDayDue() {
        Due due = Due.allDay(LocalDate.of(2026, 12, 8));

        assertThat(next("FREQ=DAILY;UNTIL=20261209T000000Z", due)).isPresent();
        assertThat(next("FREQ=DAILY;UNTIL=20261208T235959Z", due)).isEmpty();
    }

    // --- the end of a series

    @Test
    void countOneHasNoNext() {
        assertThat(Recurrence.parse("FREQ=DAILY;COUNT=1").next(Due.allDay(LocalDate.of(2026, 12, 7)))).isEmpty();
    }

    @Test
    void anUntilBeforeTheNextOccurrenceEndsTheSeries() {
        assertThat(next("FREQ=DAILY;UNTIL=20261207", Due.allDay(LocalDate.of(2026, 12, 7)))).isEmpty();
        assertThat(next("FREQ=WEEKLY;UNTIL=20261213", Due.allDay(LocalDate.of(2026, 12, 7)))).isEmpty();
        assertThat(next("FREQ=DAILY;UNTIL=20001231", Due.allDay(LocalDate.of(2026, 12, 7)))).isEmpty();
    }

    @Test
    void noOccurrenceFallsAfterTheLastYearOfADue() {
        assertThat(next("FREQ=YEARLY", Due.allDay(LocalDate.of(2999, 6, 1)))).isEmpty();
        assertThat(next("FREQ=DAILY", Due.of(LocalDate.of(2999, 12, 31), LocalTime.NOON, BERLIN))).isEmpty();
        assertThat(next("FREQ=DAILY", Due.allDay(LocalDate.of(2999, 12, 30))))
                .contains(Due.allDay(LocalDate.of(2999, 12, 31)));
        assertThat(next("FREQ=YEARLY;INTERVAL=999", Due.allDay(LocalDate.of(1900, 1, 1))))
                .contains(Due.allDay(LocalDate.of(2899, 1, 1)));
        assertThat(next("FREQ=YEARLY;INTERVAL=999", Due.allDay(LocalDate.of(2001, 1, 1)))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        "FREQ=MONTHLY;BYMONTH=4,6,9,11;BYMONTHDAY=31", "FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=1FR",
        "FREQ=YEARLY;BYMONTH=2;BYDAY=5MO;BYMONTHDAY=1"})
    void aRuleThatNeverOccursHasNoNext(String rule) {
        assertThat(next(rule, Due.allDay(LocalDate.of(1900, 1, 1)))).isEmpty();
    }

    @Test
    void aRareRuleIsFoundFarAhead() {
        // The 5th Monday of February: only in a leap year whose February 1st is a Monday.
        assertThat(next("FREQ=YEARLY;BYMONTH=2;BYDAY=5MO", Due.allDay(LocalDate.of(2026, 1, 1))))
                .contains(Due.allDay(LocalDate.of(2044, 2, 29)));
    }

    private static Optional<Due> next(String rule, Due due) {
        return Recurrence.parse(rule).next(due).map(Recurrence.Occurrence::due);
    }

    private static List<Due> series(String rule, Due start, int limit) {
        List<Due> series = new ArrayList<>(List.of(start));
        Recurrence current = Recurrence.parse(rule);
        Due due = start;
        while (series.size() < limit) {
            Optional<Recurrence.Occurrence> next = current.next(due);
            if (next.isEmpty()) {
                break;
            }
            due = next.get().due();
            current = next.get().recurrence();
            series.add(due);
        }
        return series;
    }

    private static List<LocalDate> dates(String rule, Due start, int limit) {
        return series(rule, start, limit).stream().map(Due::date).toList();
    }

    private static void assertViolations(String rule, String... messages) {
        assertThatThrownBy(() -> Recurrence.parse(rule)).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.violations()).containsExactlyElementsOf(
                        java.util.Arrays.stream(messages).map(m -> new Violation(Recurrence.FIELD, m)).toList()));
    }
}
