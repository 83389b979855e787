package dev.todo.app;

import static dev.todo.app.Tenant.assertProblem;
import static dev.todo.app.Tenant.assertRefused;
import static dev.todo.app.Tenant.id;
import static dev.todo.app.Tenant.message;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.todo.domain.model.TodoLimits;
import dev.todo.persistence.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Recurring todos (issue 18) through a real HTTP client against the running service, v1 and v2: the rule as sent and
 * as answered, the refusals naming {@code recurrence}, a completion by PATCH, PUT or v2's toggle creating the next
 * occurrence in the due's time zone, its id in the answer, a {@code Link} and the change feed, retries that never make
 * a second one, COUNT and UNTIL running out, and the quota refusing a completion as a whole (ADR 0037).
 */
class RecurringTodosTest {

    /** A todo's members, in their order: the seed's, issue 17's, issue 18's. */
    static final List<String> MEMBERS = List.of("id", "title", "description", "is_completed", "created_at",
            "updated_at", "user_id", "due", "priority", "tags", "recurrence", "position", "parent_id",
            "next_occurrence_id");

    private static final String BERLIN_MONDAY = "{'date': '2026-03-23', 'time': '09:00:00', "
            + "'time_zone': 'Europe/Berlin'}";

    /** The ways to complete a todo. */
    enum Completion {
        V1_PATCH, V1_PUT, V2_PATCH, V2_PUT, V2_COMPLETE;

        Tenant tenant() {
            return name().startsWith("V1") ? Tenant.v1() : Tenant.v2();
        }

        /** Completes the todo, sending back what it has (PUT replaces, so it sends every member). */
        Api.Response complete(Tenant tenant, JsonNode todo) {
            return switch (this) {
                case V1_PATCH, V2_PATCH -> tenant.patch(todo, "{'is_completed': true}");
                case V1_PUT, V2_PUT -> tenant.put(todo, replacement(todo, true));
                case V2_COMPLETE -> tenant.toggle(todo);
            };
        }
    }

    /** A PUT body that keeps every member of the todo but {@code is_completed}. */
    static String replacement(JsonNode todo, boolean completed) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", todo.get("title"));
        body.put("description", todo.get("description"));
        body.put("is_completed", completed);
        body.put("priority", todo.get("priority"));
        body.put("tags", todo.get("tags"));
        JsonNode due = todo.get("due").deepCopy();
        if (due.isObject()) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) due).remove("at");
        }
        body.put("due", due);
        body.put("recurrence", todo.get("recurrence"));
        try {
            return Api.JSON.writeValueAsString(body).replace('"', '\'');
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> members(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String link(Tenant tenant, String next) {
        return "<" + tenant.path(next) + ">; rel=\"next-occurrence\"";
    }

    // --- the rule ----------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRuleIsAnsweredInItsCanonicalTextWithTheOtherNewMembers(boolean v2) {
        Tenant tenant = v2 ? Tenant.v2() : Tenant.v1();
        JsonNode todo = tenant.create("{'title': 'gym', 'due': " + BERLIN_MONDAY
                + ", 'recurrence': 'rrule:freq=weekly;byday=mo,we'}");
        assertThat(members(todo)).containsExactlyElementsOf(MEMBERS);
        assertThat(todo.get("recurrence").asText()).isEqualTo("FREQ=WEEKLY;BYDAY=MO,WE");
        assertThat(todo.get("position").isTextual()).isTrue();
        assertThat(todo.get("position").asText()).isNotEmpty();
        assertThat(todo.get("parent_id").isNull()).isTrue();
        assertThat(todo.get("next_occurrence_id").isNull()).isTrue();
        assertThat(tenant.read(todo)).isEqualTo(todo);
        assertThat(tenant.list("")).containsExactly(todo);

        JsonNode plain = tenant.create("{'title': 'plain'}");
        assertThat(members(plain)).containsExactlyElementsOf(MEMBERS);
        assertThat(plain.get("recurrence").isNull()).isTrue();
        assertThat(tenant.create("{'title': 'null', 'recurrence': null}").get("recurrence").isNull()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"BYSETPOS=-1", "BYHOUR=9", "BYMINUTE=30", "BYSECOND=0", "BYWEEKNO=20", "BYYEARDAY=100",
        "X-NAME=1", "RDATE=20261224"})
    void anUnsupportedPartIsRefusedNamingThePart(String part) {
        String name = part.substring(0, part.indexOf('='));
        String rule = "FREQ=MONTHLY;BYDAY=MO;" + part;
        Tenant tenant = Tenant.v1();
        Api.Response created = tenant.post("{'title': 'r', 'due': {'date': '2026-12-07'}, 'recurrence': '" + rule
                + "'}");
        assertRefused(created, "recurrence");
        assertThat(message(created, "recurrence")).contains(name);

        JsonNode todo = tenant.create("{'title': 'r', 'due': {'date': '2026-12-07'}}");
        assertRefused(tenant.patch(todo, "{'recurrence': '" + rule + "'}"), "recurrence");
        assertRefused(tenant.put(todo, "{'title': 'r', 'description': null, 'is_completed': false, "
                + "'due': {'date': '2026-12-07'}, 'recurrence': '" + rule + "'}"), "recurrence");
        Tenant v2 = Tenant.v2();
        Api.Response v2Created = v2.post("{'title': 'r', 'due': {'date': '2026-12-07'}, 'recurrence': '" + rule
                + "'}");
        assertRefused(v2Created, "recurrence");
        assertThat(message(v2Created, "recurrence")).contains(name);
        assertThat(tenant.read(todo).get("recurrence").isNull()).isTrue();
        assertThat(tenant.list("")).hasSize(1);
        assertThat(v2.list("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "'FREQ=HOURLY'", "'FREQ=SECONDLY'", "'BYDAY=MO'", "'FREQ=DAILY;FREQ=WEEKLY'",
        "'FREQ=DAILY;INTERVAL=0'", "'FREQ=DAILY;INTERVAL=1000'", "'FREQ=DAILY;INTERVAL=x'", "'FREQ=WEEKLY;BYDAY=XX'",
        "'FREQ=WEEKLY;BYDAY=1MO'", "'FREQ=WEEKLY;BYMONTHDAY=1'", "'FREQ=MONTHLY;BYMONTHDAY=32'",
        "'FREQ=MONTHLY;BYMONTHDAY=0'", "'FREQ=YEARLY;BYMONTH=13'", "'FREQ=DAILY;COUNT=0'", "'FREQ=DAILY;COUNT=1001'",
        "'FREQ=DAILY;UNTIL=2026-12-24'", "'FREQ=DAILY;COUNT=2;UNTIL=20261224'", "'FREQ=DAILY;WKST=XX'",
        "'FREQ=DAILY;BYMONTH'", "7", "true", "['FREQ=DAILY']", "{'freq': 'DAILY'}"})
    void aMalformedRuleIsRefusedOnRecurrence(String rule) {
        Tenant tenant = Tenant.v1();
        assertRefused(tenant.post("{'title': 'r', 'due': {'date': '2026-12-07'}, 'recurrence': " + rule + "}"),
                "recurrence");
        assertThat(tenant.list("")).isEmpty();
    }

    @Test
    void aRuleWithoutEqualsSignsIsRefusedOnRecurrenceOnly() {
        Api.Response response = Tenant.v1().post("{'title': 'r', 'due': {'date': '2026-12-07'}, "
                + "'recurrence': 'FREQ'}");
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        response.json().get("field_errors").forEach(e -> assertThat(e.get("field").asText()).isEqualTo("recurrence"));
    }

    @Test
    void aMalformedPartIsNamedInTheMessage() {
        Api.Response response = Tenant.v1().post("{'title': 'r', 'due': {'date': '2026-12-07'}, "
                + "'recurrence': 'FREQ=DAILY;INTERVAL=0'}");
        assertRefused(response, "recurrence");
        assertThat(message(response, "recurrence")).contains("INTERVAL");
    }

    @Test
    void aRuleNeedsADueOnEveryWrite() {
        Tenant tenant = Tenant.v1();
        assertRefused(tenant.post("{'title': 'no due', 'recurrence': 'FREQ=DAILY'}"), "recurrence");
        assertRefused(tenant.post("{'title': 'no due', 'due': null, 'recurrence': 'FREQ=DAILY'}"), "recurrence");
        assertRefused(Tenant.v2().post("{'title': 'no due', 'recurrence': 'FREQ=DAILY'}"), "recurrence");

        JsonNode undated = tenant.create("{'title': 'undated'}");
        assertRefused(tenant.patch(undated, "{'recurrence': 'FREQ=DAILY'}"), "recurrence");
        assertRefused(tenant.put(undated, "{'title': 'undated', 'description': null, 'is_completed': false, "
                + "'recurrence': 'FREQ=DAILY'}"), "recurrence");

        JsonNode recurring = tenant.create("{'title': 'recurring', 'due': {'date': '2026-12-07'}, "
                + "'recurrence': 'FREQ=DAILY'}");
        Api.Response cleared = tenant.patch(recurring, "{'due': null}");
        assertRefused(cleared, "recurrence");
        JsonNode kept = tenant.read(recurring);
        assertThat(kept).isEqualTo(recurring);
        assertThat(tenant.get(recurring).header("ETag")).contains("\"1\"");
        assertRefused(tenant.put(recurring, "{'title': 'recurring', 'description': null, 'is_completed': false, "
                + "'recurrence': 'FREQ=DAILY'}"), "recurrence");

        JsonNode both = tenant.patch(recurring, "{'due': null, 'recurrence': null}").json();
        assertThat(both.get("due").isNull()).isTrue();
        assertThat(both.get("recurrence").isNull()).isTrue();
        assertThat(tenant.list("")).hasSize(2);
    }

    @Test
    void patchLeavesARuleItDoesNotNameAndPutWithoutOneClearsIt() {
        Tenant tenant = Tenant.v1();
        JsonNode todo = tenant.create("{'title': 'r', 'due': {'date': '2026-12-07'}, 'recurrence': 'FREQ=DAILY'}");
        assertThat(tenant.patch(todo, "{'title': 'renamed'}").json().get("recurrence").asText())
                .isEqualTo("FREQ=DAILY");
        assertThat(tenant.patch(todo, "{'recurrence': 'freq=monthly;bymonthday=-1'}").json().get("recurrence")
                .asText()).isEqualTo("FREQ=MONTHLY;BYMONTHDAY=-1");
        assertThat(tenant.patch(todo, "{'recurrence': null}").json().get("recurrence").isNull()).isTrue();
        tenant.patch(todo, "{'recurrence': 'FREQ=YEARLY'}");
        JsonNode replaced = tenant.put(todo, "{'title': 'r', 'description': null, 'is_completed': false, "
                + "'due': {'date': '2026-12-07'}}").json();
        assertThat(replaced.get("recurrence").isNull()).isTrue();
        assertThat(replaced.get("due").get("date").asText()).isEqualTo("2026-12-07");
    }

    // --- completing ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Completion.class)
    void completingCreatesTheNextOccurrenceAndSaysSo(Completion completion) {
        Tenant tenant = completion.tenant();
        JsonNode todo = tenant.create("{'title': 'gym', 'description': 'legs', 'priority': 'high', "
                + "'tags': ['health', 'Weekly'], 'due': " + BERLIN_MONDAY + ", 'recurrence': 'FREQ=WEEKLY;COUNT=5'}");

        Api.Response response = completion.complete(tenant, todo);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode done = response.json();
        assertThat(done.get("is_completed").asBoolean()).isTrue();
        assertThat(done.get("recurrence").asText()).isEqualTo("FREQ=WEEKLY;COUNT=5");
        assertThat(done.get("due")).isEqualTo(todo.get("due"));
        assertThat(done.get("position")).isEqualTo(todo.get("position"));
        String next = done.get("next_occurrence_id").asText();
        assertThat(next).isNotEqualTo("null").isNotEqualTo(id(todo));
        assertThat(response.header("Link")).as("Link").contains(link(tenant, next));
        assertThat(response.header("ETag")).contains("\"2\"");

        JsonNode occurrence = tenant.read(next);
        assertThat(members(occurrence)).containsExactlyElementsOf(MEMBERS);
        assertThat(occurrence.get("title").asText()).isEqualTo("gym");
        assertThat(occurrence.get("description").asText()).isEqualTo("legs");
        assertThat(occurrence.get("priority").asText()).isEqualTo("high");
        assertThat(occurrence.get("tags")).isEqualTo(todo.get("tags"));
        assertThat(occurrence.get("recurrence").asText()).isEqualTo("FREQ=WEEKLY;COUNT=4");
        assertThat(occurrence.get("is_completed").asBoolean()).isFalse();
        assertThat(occurrence.get("user_id").asText()).isEqualTo(tenant.id);
        assertThat(occurrence.get("parent_id").isNull()).isTrue();
        assertThat(occurrence.get("next_occurrence_id").isNull()).isTrue();
        assertThat(occurrence.get("due").get("date").asText()).isEqualTo("2026-03-30");
        assertThat(occurrence.get("due").get("time").asText()).isEqualTo("09:00:00");
        assertThat(occurrence.get("due").get("time_zone").asText()).isEqualTo("Europe/Berlin");
        assertThat(occurrence.get("due").get("at").asText()).isEqualTo("2026-03-30T07:00:00.000000Z");
        assertThat(occurrence.get("position").asText()).as("last in the order")
                .isGreaterThan(todo.get("position").asText());
        assertThat(tenant.get(occurrence).header("Link")).as("no next occurrence yet").isEmpty();

        Api.Response reread = tenant.get(todo);
        assertThat(reread.json()).isEqualTo(done);
        assertThat(reread.header("Link")).contains(link(tenant, next));
        assertThat(Tenant.ids(tenant.list("sort=position"))).containsExactly(id(todo), next);

        Map<String, JsonNode> feed = new HashMap<>();
        tenant.changes().forEach(c -> feed.put(c.get("todo").get("id").asText(), c.get("todo")));
        assertThat(feed).containsOnlyKeys(id(todo), next);
        assertThat(feed.get(id(todo))).isEqualTo(done);
        assertThat(feed.get(next)).isEqualTo(occurrence);
    }

    @ParameterizedTest(name = "{0} from {1} {2} {3}")
    @CsvSource(quoteCharacter = '"', nullValues = "-", value = {
        // Europe/Berlin: summer time from 2026-03-29, winter time from 2026-10-25.
        "FREQ=WEEKLY, 2026-03-23, 09:00:00, Europe/Berlin, 2026-03-30, 2026-03-30T07:00:00.000000Z",
        "FREQ=WEEKLY, 2026-10-22, 09:00:00, Europe/Berlin, 2026-10-29, 2026-10-29T08:00:00.000000Z",
        "FREQ=DAILY, 2026-03-28, 23:30:00, Europe/Berlin, 2026-03-29, 2026-03-29T21:30:00.000000Z",
        // America/New_York: daylight time from 2026-03-08, standard time from 2026-11-01.
        "FREQ=WEEKLY;BYDAY=TH, 2026-10-29, 18:30:00, America/New_York, 2026-11-05, 2026-11-05T23:30:00.000000Z",
        "FREQ=WEEKLY, 2026-03-05, 08:00:00, America/New_York, 2026-03-12, 2026-03-12T12:00:00.000000Z",
        "FREQ=MONTHLY;BYDAY=-1FR, 2026-02-27, 17:00:00, America/New_York, 2026-03-27, 2026-03-27T21:00:00.000000Z",
        // A local time the clocks skip keeps its local time, its instant moved forward by the gap; one they repeat
        // is the earlier instant.
        "FREQ=WEEKLY, 2026-03-22, 02:30:00, Europe/Berlin, 2026-03-29, 2026-03-29T01:30:00.000000Z",
        "FREQ=DAILY, 2026-03-07, 02:30:00, America/New_York, 2026-03-08, 2026-03-08T07:30:00.000000Z",
        "FREQ=WEEKLY, 2026-10-18, 02:30:00, Europe/Berlin, 2026-10-25, 2026-10-25T00:30:00.000000Z",
        "FREQ=DAILY, 2026-10-31, 01:30:00, America/New_York, 2026-11-01, 2026-11-01T05:30:00.000000Z",
        // Dates that do not exist are skipped.
        "FREQ=MONTHLY;BYMONTHDAY=31, 2026-03-31, -, -, 2026-05-31, -",
        "FREQ=MONTHLY;BYMONTHDAY=31, 2026-01-31, -, -, 2026-03-31, -",
        "FREQ=MONTHLY, 2026-08-31, 07:15:00, Europe/Berlin, 2026-10-31, 2026-10-31T06:15:00.000000Z",
        "FREQ=YEARLY, 2028-02-29, -, -, 2032-02-29, -",
        // The rest of the subset.
        "FREQ=MONTHLY;BYMONTHDAY=-1, 2026-01-31, -, -, 2026-02-28, -",
        "FREQ=MONTHLY;BYDAY=2TU, 2026-12-08, -, -, 2027-01-12, -",
        "\"FREQ=WEEKLY;BYDAY=MO,WE\", 2026-12-07, 10:00:00, UTC, 2026-12-09, 2026-12-09T10:00:00.000000Z",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR, 2026-12-04, -, -, 2026-12-18, -",
        "FREQ=DAILY;INTERVAL=2, 2026-12-31, -, -, 2027-01-02, -",
        "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU, 2026-03-29, 01:30:00, Europe/Berlin, 2027-03-28, "
                + "2027-03-28T00:30:00.000000Z"})
    void theNextDueIsComputedInTheDuesTimeZone(String rule, String date, String time, String zone, String nextDate,
                                               String nextAt) {
        Tenant tenant = Tenant.v1();
        String due = time == null ? "{'date': '" + date + "'}"
                : "{'date': '" + date + "', 'time': '" + time + "', 'time_zone': '" + zone + "'}";
        JsonNode todo = tenant.create("{'title': 'r', 'due': " + due + ", 'recurrence': '" + rule + "'}");
        JsonNode done = tenant.patch(todo, "{'is_completed': true}").json();
        JsonNode next = tenant.read(done.get("next_occurrence_id").asText());
        assertThat(next.get("due").get("date").asText()).isEqualTo(nextDate);
        if (time == null) {
            assertThat(next.get("due").get("time").isNull()).isTrue();
            assertThat(next.get("due").get("time_zone").isNull()).isTrue();
        } else {
            assertThat(next.get("due").get("time").asText()).as("the local time").isEqualTo(time);
            assertThat(next.get("due").get("time_zone").asText()).isEqualTo(zone);
            assertThat(next.get("due").get("at").asText()).isEqualTo(nextAt);
        }
        assertThat(next.get("recurrence").asText()).isEqualTo(rule);
    }

    @Test
    void anOccurrenceAtALocalTimeTheClocksSkipIsReadCompletedAndChangedLikeAnyOther() {
        Tenant tenant = Tenant.v1();
        JsonNode todo = tenant.create("{'title': 'early', 'due': {'date': '2026-03-22', 'time': '02:30:00', "
                + "'time_zone': 'Europe/Berlin'}, 'recurrence': 'FREQ=WEEKLY'}");
        JsonNode skipped = tenant.read(tenant.patch(todo, "{'is_completed': true}").json()
                .get("next_occurrence_id").asText());
        assertThat(tenant.list("sort=due")).contains(skipped);
        Api.Response renamed = tenant.patch(skipped, "{'title': 'early, renamed'}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("due")).isEqualTo(skipped.get("due"));
        JsonNode after = tenant.read(tenant.patch(skipped, "{'is_completed': true}").json()
                .get("next_occurrence_id").asText());
        assertThat(after.get("due").get("date").asText()).isEqualTo("2026-04-05");
        assertThat(after.get("due").get("at").asText()).isEqualTo("2026-04-05T00:30:00.000000Z");
    }

    @Test
    void aStaleCompletionCompletesNothingAndCreatesNothing() {
        Tenant tenant = Tenant.v1();
        JsonNode todo = tenant.create("{'title': 'stale', 'due': {'date': '2026-12-07'}, "
                + "'recurrence': 'FREQ=DAILY'}");
        tenant.patch(todo, "{'title': 'fresh'}");
        Api.Response stale = tenant.api.patch(tenant.path(todo)).tenant(tenant.id).header("If-Match", "\"1\"")
                .json("{\"is_completed\": true}").send();
        assertThat(stale.status()).as(stale.body()).isEqualTo(412);
        assertThat(tenant.list("")).hasSize(1);
        assertThat(tenant.read(todo).get("is_completed").asBoolean()).isFalse();
        assertThat(tenant.api.patch(tenant.path(todo)).tenant(tenant.id).header("If-Match", "\"2\"")
                .json("{\"is_completed\": true}").send().status()).isEqualTo(200);
        assertThat(tenant.list("")).hasSize(2);
    }

    @Test
    void countCountsDownAndTheLastOccurrenceHasNoNext() {
        Tenant tenant = Tenant.v1();
        JsonNode first = tenant.create("{'title': 'thrice', 'due': {'date': '2026-12-07'}, "
                + "'recurrence': 'FREQ=DAILY;COUNT=3'}");
        JsonNode second = tenant.read(tenant.patch(first, "{'is_completed': true}").json()
                .get("next_occurrence_id").asText());
        assertThat(second.get("recurrence").asText()).isEqualTo("FREQ=DAILY;COUNT=2");
        assertThat(second.get("due").get("date").asText()).isEqualTo("2026-12-08");
        JsonNode third = tenant.read(tenant.patch(second, "{'is_completed': true}").json()
                .get("next_occurrence_id").asText());
        assertThat(third.get("recurrence").asText()).isEqualTo("FREQ=DAILY;COUNT=1");
        assertThat(third.get("due").get("date").asText()).isEqualTo("2026-12-09");

        Api.Response last = tenant.patch(third, "{'is_completed': true}");
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json().get("is_completed").asBoolean()).isTrue();
        assertThat(last.json().get("next_occurrence_id").isNull()).isTrue();
        assertThat(last.header("Link")).isEmpty();
        assertThat(tenant.list("")).hasSize(3);
    }

    @Test
    void untilEndsTheSeries() {
        Tenant tenant = Tenant.v2();
        JsonNode first = tenant.create("{'title': 'until', 'due': {'date': '2026-12-07', 'time': '08:00:00', "
                + "'time_zone': 'Europe/Berlin'}, 'recurrence': 'FREQ=DAILY;UNTIL=20261208T070000Z'}");
        Api.Response done = tenant.toggle(first);
        JsonNode second = tenant.read(done.json().get("next_occurrence_id").asText());
        assertThat(second.get("due").get("at").asText()).isEqualTo("2026-12-08T07:00:00.000000Z");
        Api.Response last = tenant.toggle(second);
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.json().get("next_occurrence_id").isNull()).isTrue();
        assertThat(last.header("Link")).isEmpty();
        assertThat(tenant.list("")).hasSize(2);
    }

    @Test
    void aTodoWithoutARuleCompletesWithoutANext() {
        Tenant tenant = Tenant.v1();
        JsonNode todo = tenant.create("{'title': 'once', 'due': {'date': '2026-12-07'}}");
        Api.Response done = tenant.patch(todo, "{'is_completed': true}");
        assertThat(done.json().get("next_occurrence_id").isNull()).isTrue();
        assertThat(done.header("Link")).isEmpty();
        assertThat(tenant.list("")).hasSize(1);
    }

    // --- never a second occurrence ---------------------------------------------------------------------------

    @Test
    void aRetriedOrRepeatedCompletionNeverCreatesASecondOccurrence() {
        Tenant tenant = Tenant.v1();
        JsonNode todo = tenant.create("{'title': 'retry', 'due': {'date': '2026-12-07'}, "
                + "'recurrence': 'FREQ=DAILY'}");
        String key = UUID.randomUUID().toString();
        Api.Response first = tenant.api.patch(tenant.path(todo)).tenant(tenant.id).header("Idempotency-Key", key)
                .json("{\"is_completed\": true}").send();
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        String next = first.json().get("next_occurrence_id").asText();
        Api.Response retry = tenant.api.patch(tenant.path(todo)).tenant(tenant.id).header("Idempotency-Key", key)
                .json("{\"is_completed\": true}").send();
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.json().get("next_occurrence_id").asText()).isEqualTo(next);
        assertThat(tenant.patch(todo, "{'is_completed': true}").json().get("next_occurrence_id").asText())
                .isEqualTo(next);
        assertThat(tenant.put(todo, replacement(tenant.read(todo), true)).json().get("next_occurrence_id").asText())
                .isEqualTo(next);

        JsonNode reopened = tenant.patch(todo, "{'is_completed': false}").json();
        assertThat(reopened.get("is_completed").asBoolean()).isFalse();
        Api.Response again = tenant.patch(todo, "{'is_completed': true}");
        assertThat(again.json().get("next_occurrence_id").asText()).isEqualTo(next);
        assertThat(again.header("Link")).contains(link(tenant, next));
        assertThat(tenant.list("")).hasSize(2);
        assertThat(tenant.read(next).get("is_completed").asBoolean()).isFalse();
    }

    @Test
    void v2sToggleCompletesReopensAndCompletesWithOneOccurrence() {
        Tenant tenant = Tenant.v2();
        JsonNode todo = tenant.create("{'title': 'toggle', 'due': {'date': '2026-12-07'}, "
                + "'recurrence': 'FREQ=WEEKLY'}");
        String next = tenant.toggle(todo).json().get("next_occurrence_id").asText();
        assertThat(tenant.toggle(todo).json().get("is_completed").asBoolean()).isFalse();
        Api.Response again = tenant.toggle(todo);
        assertThat(again.json().get("is_completed").asBoolean()).isTrue();
        assertThat(again.json().get("next_occurrence_id").asText()).isEqualTo(next);
        assertThat(tenant.list("")).hasSize(2);
    }

    @Test
    void concurrentCompletionsCreateOneOccurrence() throws Exception {
        Tenant tenant = Tenant.v1();
        JsonNode todo = tenant.create("{'title': 'race', 'due': {'date': '2026-12-07'}, "
                + "'recurrence': 'FREQ=DAILY'}");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch start = new CountDownLatch(1);
        List<Api.Response> responses = new ArrayList<>();
        try {
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return tenant.patch(todo, "{'is_completed': true}");
                }));
            }
            start.countDown();
            for (Future<Api.Response> future : futures) {
                responses.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(responses).extracting(Api.Response::status).containsOnly(200);
        assertThat(responses.stream().map(r -> r.json().get("next_occurrence_id").asText()).distinct()).hasSize(1);
        assertThat(tenant.list("")).hasSize(2);
    }

    @Test
    void theNextOccurrenceIsTheTenantsOwn() {
        Tenant alice = Tenant.v1();
        Tenant bob = Tenant.v1();
        JsonNode todo = alice.create("{'title': 'mine', 'due': {'date': '2026-12-07'}, 'recurrence': 'FREQ=DAILY'}");
        assertThat(bob.patch(todo, "{'is_completed': true}").status()).isEqualTo(404);
        assertThat(bob.list("")).isEmpty();
        String next = alice.patch(todo, "{'is_completed': true}").json().get("next_occurrence_id").asText();
        assertThat(bob.api.get(bob.path(next)).tenant(bob.id).send().status()).isEqualTo(404);
        assertThat(bob.list("")).isEmpty();
        assertThat(bob.changes()).isEmpty();
        assertThat(alice.read(next).get("user_id").asText()).isEqualTo(alice.id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"next_occurrence_id", "position", "parent_id"})
    void theNewReadOnlyMembersCannotBeChangedByPatchOrPut(String member) {
        Tenant tenant = Tenant.v1();
        JsonNode other = tenant.create("{'title': 'other'}");
        JsonNode todo = tenant.create("{'title': 'r', 'due': {'date': '2026-12-07'}, 'recurrence': 'FREQ=DAILY'}");
        String value = member.equals("position") ? "'0'" : "'" + id(other) + "'";
        Api.Response patched = tenant.patch(todo, "{'title': 'x', '" + member + "': " + value + "}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(422);
        assertThat(message(patched, member)).isNotEmpty();
        Api.Response replaced = tenant.put(todo, "{'title': 'x', 'description': null, 'is_completed': false, '"
                + member + "': " + value + "}");
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(422);
        assertThat(message(replaced, member)).isNotEmpty();
        assertThat(tenant.read(todo)).isEqualTo(todo);
    }

    // --- the quota -------------------------------------------------------------------------------------------

    @Test
    void aCompletionTheQuotaHasNoRoomForIsRefusedAsAWhole() {
        try (TodoApplication app = TestApp.start(TestPostgres.createDatabase(), Settings.Auth.header(),
                new TodoLimits(2, Duration.ofDays(30)), Map.of())) {
            Tenant tenant = Tenant.v1(new Api(app.uri()));
            JsonNode todo = tenant.create("{'title': 'full', 'due': {'date': '2026-12-07'}, "
                    + "'recurrence': 'FREQ=DAILY'}");
            JsonNode filler = tenant.create("{'title': 'filler'}");
            List<JsonNode> feed = tenant.changes();

            assertProblem(tenant.patch(todo, "{'is_completed': true}"), 409, "QUOTA_EXCEEDED");
            assertProblem(tenant.put(todo, replacement(todo, true)), 409, "QUOTA_EXCEEDED");
            Api.Response refused = tenant.api.patch("/api/" + tenant.id + "/tasks/" + id(todo) + "/complete")
                    .tenant(tenant.id).send();
            assertProblem(refused, 409, "QUOTA_EXCEEDED");

            assertThat(tenant.read(todo)).as("nothing changed").isEqualTo(todo);
            assertThat(tenant.get(todo).header("ETag")).contains("\"1\"");
            assertThat(tenant.list("")).hasSize(2);
            assertThat(tenant.changes()).isEqualTo(feed);

            assertThat(tenant.patch(todo, "{'title': 'full, renamed'}").status()).as("other changes still work")
                    .isEqualTo(200);
            assertThat(tenant.delete(filler).status()).isEqualTo(204);
            Api.Response done = tenant.patch(todo, "{'is_completed': true}");
            assertThat(done.status()).as(done.body()).isEqualTo(200);
            assertThat(done.json().get("next_occurrence_id").isNull()).isFalse();
            assertThat(tenant.list("")).hasSize(2);
        }
    }
}
