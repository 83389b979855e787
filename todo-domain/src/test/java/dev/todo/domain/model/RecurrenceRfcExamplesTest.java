package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of RFC 5545, section 3.8.5.3, that fall in the supported subset: each DTSTART at 09:00 in
 * America/New_York, as the RFC has them, and the occurrences the RFC lists, reproduced by calling {@code next} from
 * DTSTART on. A rule with COUNT or UNTIL must end exactly where the RFC's list does; for a rule that goes on forever,
 * the RFC's list is the start of the series.
 */
class RecurrenceRfcExamplesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime NINE = LocalTime.of(9, 0);

    /** A series that ends: COUNT or UNTIL. */
    private static Arguments ends(String name, String dtstart, String rule, String... expected) {
        return Arguments.of(name, dtstart, rule, true, false, dates(expected));
    }

    /** A series that goes on forever: the RFC lists its first occurrences. */
    private static Arguments forever(String name, String dtstart, String rule, String... expected) {
        return Arguments.of(name, dtstart, rule, false, false, dates(expected));
    }

    static Stream<Arguments> examples() {
        return Stream.of(
                ends("Daily for 10 occurrences", "19970902", "FREQ=DAILY;COUNT=10",
                        "1997-09: 2-11"),
                ends("Daily until December 24, 1997", "19970902", "FREQ=DAILY;UNTIL=19971224T000000Z",
                        "1997-09: 2-30", "1997-10: 1-31", "1997-11: 1-30", "1997-12: 1-23"),
                forever("Every other day - forever", "19970902", "FREQ=DAILY;INTERVAL=2",
                        "1997-09: 2-30/2", "1997-10: 2-30/2", "1997-11: 1-29/2", "1997-12: 1,3"),
                ends("Every 10 days, 5 occurrences", "19970902", "FREQ=DAILY;INTERVAL=10;COUNT=5",
                        "1997-09: 2,12,22", "1997-10: 2,12"),
                ends("Every day in January, for 3 years (YEARLY)", "19980101",
                        "FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA",
                        "1998-01: 1-31", "1999-01: 1-31", "2000-01: 1-31"),
                ends("Every day in January, for 3 years (DAILY)", "19980101",
                        "FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1",
                        "1998-01: 1-31", "1999-01: 1-31", "2000-01: 1-31"),
                ends("Weekly for 10 occurrences", "19970902", "FREQ=WEEKLY;COUNT=10",
                        "1997-09: 2,9,16,23,30", "1997-10: 7,14,21,28", "1997-11: 4"),
                ends("Weekly until December 24, 1997", "19970902", "FREQ=WEEKLY;UNTIL=19971224T000000Z",
                        "1997-09: 2,9,16,23,30", "1997-10: 7,14,21,28", "1997-11: 4,11,18,25",
                        "1997-12: 2,9,16,23"),
                forever("Every other week - forever", "19970902", "FREQ=WEEKLY;INTERVAL=2;WKST=SU",
                        "1997-09: 2,16,30", "1997-10: 14,28", "1997-11: 11,25", "1997-12: 9,23",
                        "1998-01: 6,20", "1998-02: 3,17"),
                ends("Weekly on Tuesday and Thursday for five weeks (UNTIL)", "19970902",
                        "FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH",
                        "1997-09: 2,4,9,11,16,18,23,25,30", "1997-10: 2"),
                ends("Weekly on Tuesday and Thursday for five weeks (COUNT)", "19970902",
                        "FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH",
                        "1997-09: 2,4,9,11,16,18,23,25,30", "1997-10: 2"),
                ends("Every other week on Monday, Wednesday, and Friday until December 24, 1997", "19970901",
                        "FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR",
                        "1997-09: 1,3,5,15,17,19,29", "1997-10: 1,3,13,15,17,27,29,31",
                        "1997-11: 10,12,14,24,26,28", "1997-12: 8,10,12,22"),
                ends("Every other week on Tuesday and Thursday, for 8 occurrences", "19970902",
                        "FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH",
                        "1997-09: 2,4,16,18,30", "1997-10: 2,14,16"),
                ends("Monthly on the first Friday for 10 occurrences", "19970905", "FREQ=MONTHLY;COUNT=10;BYDAY=1FR",
                        "1997-09: 5", "1997-10: 3", "1997-11: 7", "1997-12: 5", "1998-01: 2", "1998-02: 6",
                        "1998-03: 6", "1998-04: 3", "1998-05: 1", "1998-06: 5"),
                ends("Monthly on the first Friday until December 24, 1997", "19970905",
                        "FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR",
                        "1997-09: 5", "1997-10: 3", "1997-11: 7", "1997-12: 5"),
                ends("Every other month on the first and last Sunday of the month for 10 occurrences", "19970907",
                        "FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU",
                        "1997-09: 7,28", "1997-11: 2,30", "1998-01: 4,25", "1998-03: 1,29", "1998-05: 3,31"),
                ends("Monthly on the second-to-last Monday of the month for 6 months", "19970922",
                        "FREQ=MONTHLY;COUNT=6;BYDAY=-2MO",
                        "1997-09: 22", "1997-10: 20", "1997-11: 17", "1997-12: 22", "1998-01: 19", "1998-02: 16"),
                forever("Monthly on the third-to-the-last day of the month, forever", "19970928",
                        "FREQ=MONTHLY;BYMONTHDAY=-3",
                        "1997-09: 28", "1997-10: 29", "1997-11: 28", "1997-12: 29", "1998-01: 29", "1998-02: 26"),
                ends("Monthly on the 2nd and 15th of the month for 10 occurrences", "19970902",
                        "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15",
                        "1997-09: 2,15", "1997-10: 2,15", "1997-11: 2,15", "1997-12: 2,15", "1998-01: 2,15"),
                ends("Monthly on the first and last day of the month for 10 occurrences", "19970930",
                        "FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1",
                        "1997-09: 30", "1997-10: 1,31", "1997-11: 1,30", "1997-12: 1,31", "1998-01: 1,31",
                        "1998-02: 1"),
                ends("Every 18 months on the 10th thru 15th of the month for 10 occurrences", "19970910",
                        "FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15",
                        "1997-09: 10-15", "1999-03: 10-13"),
                forever("Every Tuesday, every other month", "19970902", "FREQ=MONTHLY;INTERVAL=2;BYDAY=TU",
                        "1997-09: 2,9,16,23,30", "1997-11: 4,11,18,25", "1998-01: 6,13,20,27",
                        "1998-03: 3,10,17,24,31"),
                ends("Yearly in June and July for 10 occurrences", "19970610", "FREQ=YEARLY;COUNT=10;BYMONTH=6,7",
                        "1997-06: 10", "1997-07: 10", "1998-06: 10", "1998-07: 10", "1999-06: 10", "1999-07: 10",
                        "2000-06: 10", "2000-07: 10", "2001-06: 10", "2001-07: 10"),
                ends("Every other year on January, February, and March for 10 occurrences", "19970310",
                        "FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3",
                        "1997-03: 10", "1999-01: 10", "1999-02: 10", "1999-03: 10", "2001-01: 10", "2001-02: 10",
                        "2001-03: 10", "2003-01: 10", "2003-02: 10", "2003-03: 10"),
                forever("Every 20th Monday of the year, forever", "19970519", "FREQ=YEARLY;BYDAY=20MO",
                        "1997-05: 19", "1998-05: 18", "1999-05: 17"),
                forever("Every Thursday in March, forever", "19970313", "FREQ=YEARLY;BYMONTH=3;BYDAY=TH",
                        "1997-03: 13,20,27", "1998-03: 5,12,19,26", "1999-03: 4,11,18,25"),
                forever("Every Thursday, but only during June, July, and August, forever", "19970605",
                        "FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8",
                        "1997-06: 5,12,19,26", "1997-07: 3,10,17,24,31", "1997-08: 7,14,21,28",
                        "1998-06: 4,11,18,25", "1998-07: 2,9,16,23,30", "1998-08: 6,13,20,27",
                        "1999-06: 3,10,17,24", "1999-07: 1,8,15,22,29", "1999-08: 5,12,19,26"),
                // The RFC excludes its DTSTART (a Tuesday) with EXDATE; the occurrences after it are the RFC's list.
                Arguments.of("Every Friday the 13th, forever", "19970902", "FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13",
                        false, true, dates("1998-02: 13", "1998-03: 13", "1998-11: 13", "1999-08: 13",
                                "2000-10: 13")),
                forever("The first Saturday that follows the first Sunday of the month, forever", "19970913",
                        "FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13",
                        "1997-09: 13", "1997-10: 11", "1997-11: 8", "1997-12: 13", "1998-01: 10", "1998-02: 7",
                        "1998-03: 7", "1998-04: 11", "1998-05: 9", "1998-06: 13"),
                forever("Every 4 years, the first Tuesday after a Monday in November, forever", "19961105",
                        "FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8",
                        "1996-11: 5", "2000-11: 7", "2004-11: 2"),
                ends("An example where the days generated makes a difference because of WKST (MO)", "19970805",
                        "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO",
                        "1997-08: 5,10,19,24"),
                ends("An example where the days generated makes a difference because of WKST (SU)", "19970805",
                        "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU",
                        "1997-08: 5,17,19,31"),
                ends("An example where an invalid date (i.e., February 30) is ignored", "20070115",
                        "FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5",
                        "2007-01: 15,30", "2007-02: 15", "2007-03: 15,30"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void nextReproducesTheRfcExample(String name, String dtstart, String rule, boolean ends, boolean dtstartExcluded,
            List<LocalDate> expected) {
        LocalDate start = LocalDate.parse(dtstart, DateTimeFormatter.BASIC_ISO_DATE);
        int limit = ends ? expected.size() + 10 : expected.size() + (dtstartExcluded ? 1 : 0);

        List<Due> series = series(Recurrence.parse(rule), new Due(start, NINE, NEW_YORK), limit);

        assertThat(series).allSatisfy(due -> {
            assertThat(due.time()).isEqualTo(NINE);
            assertThat(due.zone()).isEqualTo(NEW_YORK);
        });
        List<LocalDate> dates = series.stream().map(Due::date).toList();
        assertThat(dtstartExcluded ? dates.subList(1, dates.size()) : dates).containsExactlyElementsOf(expected);
    }

    @Test
    void theSeriesKeepsNineOClockInNewYorkAcrossTheChangeOfOffset() {
        List<Due> series = series(Recurrence.parse("FREQ=WEEKLY;COUNT=10"),
                new Due(LocalDate.of(1997, 9, 2), NINE, NEW_YORK), 20);

        assertThat(series.get(0).at()).contains(Instant.parse("1997-09-02T13:00:00Z")); // EDT
        assertThat(series.get(7).at()).contains(Instant.parse("1997-10-21T13:00:00Z")); // EDT
        assertThat(series.get(8).at()).contains(Instant.parse("1997-10-28T14:00:00Z")); // EST
    }

    /** DTSTART, then each next occurrence, up to {@code limit} dues or the end of the series. */
    private static List<Due> series(Recurrence rule, Due start, int limit) {
        List<Due> series = new ArrayList<>(List.of(start));
        Recurrence current = rule;
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

    /**
     * Dates written month by month, as the RFC does: {@code "1997-09: 2,4,9-11,2-30/2"} (a day, a range, a range with a
     * step).
     */
    private static List<LocalDate> dates(String... months) {
        List<LocalDate> dates = new ArrayList<>();
        for (String month : months) {
            String[] monthAndDays = month.split(": ", -1);
            LocalDate first = LocalDate.parse(monthAndDays[0] + "-01");
            for (String days : monthAndDays[1].split(",", -1)) {
                String[] rangeAndStep = days.split("/", -1);
                String[] range = rangeAndStep[0].split("-", -1);
                int from = Integer.parseInt(range[0]);
                int to = Integer.parseInt(range[range.length - 1]);
                int step = rangeAndStep.length > 1 ? Integer.parseInt(rangeAndStep[1]) : 1;
                for (int day = from; day <= to; day += step) {
                    dates.add(first.withDayOfMonth(day));
                }
            }
        }
        return dates;
    }
}
