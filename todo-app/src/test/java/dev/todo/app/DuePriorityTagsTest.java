package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A todo's due, priority and tags (issue 17) through a real HTTP client against the running service: every rule of
 * the model, on create, replace and change, in v1 and v2, and the v1 contract for a client that never sends them.
 * Bodies are written with single quotes, turned into double quotes by {@link #json}.
 */
class DuePriorityTagsTest {

    private static final List<String> MEMBERS = List.of("id", "title", "description", "is_completed", "created_at",
            "updated_at", "user_id", "due", "priority", "tags", "recurrence", "position", "parent_id",
            "next_occurrence_id");

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();

    /** A JSON text written with single quotes. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private Api.Response post(String body) {
        return api.post("/api/v1/todos").tenant(tenant).json(json(body)).send();
    }

    private JsonNode create(String body) {
        Api.Response response = post(body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String path(JsonNode todo) {
        return "/api/v1/todos/" + todo.get("id").asText();
    }

    private Api.Response patch(JsonNode todo, String body) {
        return api.patch(path(todo)).tenant(tenant).json(json(body)).send();
    }

    private Api.Response put(JsonNode todo, String body) {
        return api.method("PUT", path(todo)).tenant(tenant).json(json(body)).send();
    }

    private JsonNode read(JsonNode todo) {
        Api.Response response = api.get(path(todo)).tenant(tenant).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> members(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Asserts a 422 VALIDATION_ERROR whose field errors name exactly these fields, in any order. */
    private static void assertRefused(Api.Response response, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        JsonNode problem = response.json();
        assertThat(problem.get("error_code").asText()).isEqualTo("VALIDATION_ERROR");
        List<String> named = new ArrayList<>();
        problem.get("field_errors").forEach(e -> named.add(e.get("field").asText()));
        assertThat(named).as(response.body()).containsExactlyInAnyOrder(fields);
    }

    private static String message(Api.Response response, String field) {
        for (JsonNode error : response.json().get("field_errors")) {
            if (error.get("field").asText().equals(field)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error on " + field + ": " + response.body());
    }

    // --- the v1 contract for a client that sends none of it -------------------------------------------------

    @Test
    void aClientThatSendsNoneOfTheNewMembersGetsTheDefaultsAfterTheSeedsMembers() {
        JsonNode created = create("{'title': 'Buy milk', 'description': 'Two litres'}");
        assertThat(members(created)).containsExactlyElementsOf(MEMBERS);
        assertThat(created.get("due").isNull()).isTrue();
        assertThat(created.get("priority").asText()).isEqualTo("none");
        assertThat(created.get("tags").isArray()).isTrue();
        assertThat(created.get("tags")).isEmpty();
        assertThat(created.get("title").asText()).isEqualTo("Buy milk");
        assertThat(created.get("is_completed").asBoolean()).isFalse();

        JsonNode done = patch(created, "{'is_completed': true}").json();
        assertThat(members(done)).containsExactlyElementsOf(MEMBERS);
        assertThat(done.get("is_completed").asBoolean()).isTrue();
        assertThat(read(created)).isEqualTo(done);
        JsonNode listed = api.list(tenant).get("items").get(0);
        assertThat(listed).isEqualTo(done);
        JsonNode replaced = put(created, "{'title': 'Buy oat milk', 'description': null, 'is_completed': false}")
                .json();
        assertThat(members(replaced)).containsExactlyElementsOf(MEMBERS);
        assertThat(replaced.get("due").isNull()).isTrue();
        assertThat(api.delete(path(created)).tenant(tenant).send().status()).isEqualTo(204);
    }

    @Test
    void aChangeThatSendsNoneOfThemKeepsThemAndAReplaceThatSendsNoneClearsThem() {
        JsonNode planned = create("{'title': 'plan', 'due': {'date': '2026-12-24'}, 'priority': 'high', "
                + "'tags': ['home']}");
        JsonNode renamed = patch(planned, "{'title': 'plan b', 'is_completed': true}").json();
        assertThat(renamed.get("due")).isEqualTo(planned.get("due"));
        assertThat(renamed.get("priority").asText()).isEqualTo("high");
        assertThat(renamed.get("tags")).isEqualTo(planned.get("tags"));
        assertThat(patch(planned, "{}").json().get("tags")).isEqualTo(planned.get("tags"));

        JsonNode replaced = put(planned, "{'title': 'plan c', 'description': null, 'is_completed': false}").json();
        assertThat(replaced.get("due").isNull()).isTrue();
        assertThat(replaced.get("priority").asText()).isEqualTo("none");
        assertThat(replaced.get("tags")).isEmpty();
        assertThat(read(planned)).isEqualTo(replaced);
    }

    // --- due -------------------------------------------------------------------------------------------------

    @Test
    void anAllDayDueHasADateAndNullTimeZoneAndAt() {
        JsonNode todo = create("{'title': 'all day', 'due': {'date': '2026-12-24'}}");
        JsonNode due = todo.get("due");
        assertThat(members(due)).containsExactly("date", "time", "time_zone", "at");
        assertThat(due.get("date").asText()).isEqualTo("2026-12-24");
        assertThat(due.get("time").isNull()).isTrue();
        assertThat(due.get("time_zone").isNull()).isTrue();
        assertThat(due.get("at").isNull()).isTrue();
        assertThat(read(todo).get("due")).isEqualTo(due);
    }

    @ParameterizedTest(name = "{0}T{1} {2} is at {3}")
    @CsvSource(quoteCharacter = '"', value = {
        "2026-12-24, 17:30:00, Europe/Berlin, 2026-12-24T16:30:00.000000Z",
        "2026-07-01, 17:30:00, Europe/Berlin, 2026-07-01T15:30:00.000000Z",
        "2026-12-24, 17:30, Europe/Berlin, 2026-12-24T16:30:00.000000Z",
        "2026-10-25, 02:30:00, Europe/Berlin, 2026-10-25T00:30:00.000000Z",
        "2026-03-29, 03:00:00, Europe/Berlin, 2026-03-29T01:00:00.000000Z",
        "2026-03-29, 01:59:59, Europe/Berlin, 2026-03-29T00:59:59.000000Z",
        "2026-11-01, 01:30:00, America/New_York, 2026-11-01T05:30:00.000000Z",
        "2026-03-08, 03:30:00, America/New_York, 2026-03-08T07:30:00.000000Z",
        "2026-01-15, 09:00:00, America/New_York, 2026-01-15T14:00:00.000000Z",
        "2026-05-03, 00:30:00, Pacific/Kiritimati, 2026-05-02T10:30:00.000000Z",
        "1900-01-01, 00:00:00, UTC, 1900-01-01T00:00:00.000000Z",
        "2999-12-31, 23:59:59, UTC, 2999-12-31T23:59:59.000000Z"})
    void aTimedDueKeepsItsLocalTimeAndZoneAndAnswersItsInstant(String date, String time, String zone, String at) {
        JsonNode todo = create("{'title': 'timed', 'due': {'date': '" + date + "', 'time': '" + time
                + "', 'time_zone': '" + zone + "'}}");
        JsonNode due = todo.get("due");
        assertThat(members(due)).containsExactly("date", "time", "time_zone", "at");
        assertThat(due.get("date").asText()).isEqualTo(date);
        assertThat(due.get("time").asText()).isEqualTo(time.length() == 5 ? time + ":00" : time);
        assertThat(due.get("time_zone").asText()).isEqualTo(zone);
        assertThat(due.get("at").asText()).isEqualTo(at);
        assertThat(read(todo).get("due")).isEqualTo(due);
        assertThat(api.list(tenant).get("items").get(0).get("due")).isEqualTo(due);
    }

    @ParameterizedTest(name = "{0}T{1} {2} does not exist")
    @CsvSource(quoteCharacter = '"', value = {
        "2026-03-29, 02:30:00, Europe/Berlin",
        "2026-03-29, 02:00:00, Europe/Berlin",
        "2026-03-08, 02:30:00, America/New_York",
        "2026-03-08, 02:59:59, America/New_York"})
    void aLocalTimeTheZoneSkipsIsRefusedOnDueTimeByEveryWrite(String date, String time, String zone) {
        String due = "{'date': '" + date + "', 'time': '" + time + "', 'time_zone': '" + zone + "'}";
        Api.Response created = post("{'title': 'gap', 'due': " + due + "}");
        assertRefused(created, "due.time");
        assertThat(message(created, "due.time")).contains(date).contains(zone);

        JsonNode todo = create("{'title': 'gap later'}");
        assertRefused(patch(todo, "{'due': " + due + "}"), "due.time");
        assertRefused(put(todo, "{'title': 't', 'description': null, 'is_completed': false, 'due': " + due + "}"),
                "due.time");
        String v2 = "/api/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/tasks";
        assertRefused(api.post(v2).tenant(tenant).json(json("{'title': 'gap', 'due': " + due + "}")).send(),
                "due.time");
        assertThat(read(todo).get("due").isNull()).isTrue();
        assertThat(api.list(tenant).get("count").asInt()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'date': '1899-12-31'}| due.date",
        "{'date': '3000-01-01'}| due.date",
        "{'date': '2026-02-30'}| due.date",
        "{'date': '2026-13-01'}| due.date",
        "{'date': '24.12.2026'}| due.date",
        "{'date': '2026-12-24T10:00:00'}| due.date",
        "{'date': 20261224}| due.date",
        "{'date': null}| due.date",
        "{'time': '10:00:00', 'time_zone': 'UTC'}| due.date",
        "{'date': '2026-12-24', 'time': '10:00:00'}| due.time_zone",
        "{'date': '2026-12-24', 'time_zone': 'Europe/Berlin'}| due.time",
        "{'date': '2026-12-24', 'time': '25:00:00', 'time_zone': 'UTC'}| due.time",
        "{'date': '2026-12-24', 'time': '10:00:00.5', 'time_zone': 'UTC'}| due.time",
        "{'date': '2026-12-24', 'time': 10, 'time_zone': 'UTC'}| due.time",
        "{'date': '2026-12-24', 'time': '10:00:00', 'time_zone': 'Mars/Olympus_Mons'}| due.time_zone",
        "{'date': '2026-12-24', 'time': '10:00:00', 'time_zone': '+01:00'}| due.time_zone",
        "{'date': '2026-12-24', 'time': '10:00:00', 'time_zone': 'europe/berlin'}| due.time_zone",
        "{'date': '2026-12-24', 'time': '10:00:00', 'time_zone': ''}| due.time_zone",
        "{'date': '2026-12-24', 'at': '2026-12-24T10:00:00.000000Z'}| due.at",
        "{'date': '2026-12-24', 'colour': 'red'}| due.colour",
        "'2026-12-24'| due",
        "[]| due",
        "true| due"})
    void aBadDueIsRefusedNamingItsPart(String due, String field) {
        assertRefused(post("{'title': 'bad due', 'due': " + due + "}"), field);
        assertThat(api.list(tenant).get("count").asInt()).isZero();
    }

    @Test
    void everyViolationOfARequestIsListedAtOnce() {
        Api.Response response = post("{'title': ' ', 'due': {'date': '1899-01-01', 'time': '10:00:00', "
                + "'time_zone': 'Nowhere/City'}, 'priority': 'urgent', 'tags': ['ok', 'OK', '', 7]}");
        assertRefused(response, "title", "due.date", "due.time_zone", "priority", "tags[1]", "tags[2]", "tags[3]");
        assertThat(response.json().get("detail").asText()).contains("7");
    }

    @Test
    void aDueIsChangedClearedAndLeftAsItIsByPatch() {
        JsonNode todo = create("{'title': 'due', 'due': {'date': '2026-12-24', 'time': '17:30:00', "
                + "'time_zone': 'Europe/Berlin'}}");
        Api.Response allDay = patch(todo, "{'due': {'date': '2026-12-23'}}");
        assertThat(allDay.status()).isEqualTo(200);
        assertThat(allDay.header("ETag")).contains("\"2\"");
        assertThat(allDay.json().get("due").get("time").isNull()).isTrue();
        assertThat(allDay.json().get("due").get("at").isNull()).isTrue();
        assertThat(patch(todo, "{'title': 'still due'}").json().get("due").get("date").asText())
                .isEqualTo("2026-12-23");
        JsonNode cleared = patch(todo, "{'due': null}").json();
        assertThat(cleared.get("due").isNull()).isTrue();
        assertThat(read(todo)).isEqualTo(cleared);
        assertThat(patch(todo, "{'due': {'date': '2026-06-30', 'time': '23:00:00', 'time_zone': "
                + "'America/New_York'}}").json().get("due").get("at").asText()).isEqualTo("2026-07-01T03:00:00.000000Z");
    }

    @Test
    void aMergePatchClearsWithNullAndKeepsWhatItLeavesOut() {
        JsonNode todo = create("{'title': 'merge', 'due': {'date': '2026-12-24'}, 'priority': 'low', 'tags': ['a']}");
        Api.Response response = api.patch(path(todo)).tenant(tenant)
                .body(json("{'due': null, 'priority': null}").getBytes(StandardCharsets.UTF_8),
                        "application/merge-patch+json").send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("due").isNull()).isTrue();
        assertThat(response.json().get("priority").asText()).isEqualTo("none");
        assertThat(response.json().get("tags")).extracting(JsonNode::asText).containsExactly("a");
    }

    // --- priority --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"none", "low", "medium", "high"})
    void everyPriorityIsKeptAsSent(String priority) {
        JsonNode todo = create("{'title': 'p', 'priority': '" + priority + "'}");
        assertThat(todo.get("priority").asText()).isEqualTo(priority);
        assertThat(read(todo).get("priority").asText()).isEqualTo(priority);
    }

    @Test
    void priorityDefaultsToNoneAndNullSetsItBack() {
        assertThat(create("{'title': 'p', 'priority': null}").get("priority").asText()).isEqualTo("none");
        JsonNode todo = create("{'title': 'p', 'priority': 'medium'}");
        assertThat(patch(todo, "{'priority': 'low'}").json().get("priority").asText()).isEqualTo("low");
        assertThat(patch(todo, "{'priority': null}").json().get("priority").asText()).isEqualTo("none");
        assertThat(put(todo, "{'title': 'p', 'description': null, 'is_completed': false, 'priority': 'high'}")
                .json().get("priority").asText()).isEqualTo("high");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'urgent'", "'HIGH'", "''", "3", "true", "['high']", "{'name': 'high'}"})
    void aPriorityThatIsNotOneOfTheFourNamesIsRefused(String priority) {
        assertRefused(post("{'title': 'p', 'priority': " + priority + "}"), "priority");
        JsonNode todo = create("{'title': 'p', 'priority': 'low'}");
        assertRefused(patch(todo, "{'priority': " + priority + "}"), "priority");
        assertThat(read(todo).get("priority").asText()).isEqualTo("low");
    }

    // --- tags ------------------------------------------------------------------------------------------------

    @Test
    void tagsAreTrimmedAndKeptInTheOrderAndSpellingSent() {
        JsonNode todo = create("{'title': 't', 'tags': ['  Home ', 'errand', 'Straße', 'ÉTÉ', '🏠']}");
        assertThat(todo.get("tags")).extracting(JsonNode::asText)
                .containsExactly("Home", "errand", "Straße", "ÉTÉ", "🏠");
        assertThat(read(todo).get("tags")).isEqualTo(todo.get("tags"));
        assertThat(create("{'title': 't', 'tags': null}").get("tags")).isEmpty();
        assertThat(patch(todo, "{'tags': ['b', 'a']}").json().get("tags")).extracting(JsonNode::asText)
                .containsExactly("b", "a");
        assertThat(patch(todo, "{'tags': null}").json().get("tags")).isEmpty();
    }

    @Test
    void twentyTagsOfSixtyFourCharactersAreAcceptedAndOneMoreOfEitherIsRefused() {
        List<String> twenty = IntStream.range(0, 20).mapToObj(i -> "'" + "t".repeat(62) + String.format("%02d", i)
                + "'").toList();
        JsonNode todo = create("{'title': 't', 'tags': [" + String.join(", ", twenty) + "]}");
        assertThat(todo.get("tags")).hasSize(20);
        assertThat(todo.get("tags").get(19).asText()).hasSize(64);

        List<String> twentyOne = new ArrayList<>(twenty);
        twentyOne.add("'one more'");
        assertRefused(post("{'title': 't', 'tags': [" + String.join(", ", twentyOne) + "]}"), "tags");
        assertRefused(post("{'title': 't', 'tags': ['ok', '" + "x".repeat(65) + "']}"), "tags[1]");
        assertThat(create("{'title': 't', 'tags': ['" + "é".repeat(64) + "']}").get("tags").get(0).asText())
                .hasSize(64);
        assertThat(api.list(tenant).get("count").asInt()).isEqualTo(2);
    }

    @Test
    void aTagRepeatedIgnoringCaseIsRefusedNotMerged() {
        Api.Response response = post("{'title': 't', 'tags': ['home', 'work', 'HOME', 'Work ']}");
        assertRefused(response, "tags[2]", "tags[3]");
        assertRefused(post("{'title': 't', 'tags': ['straße', 'STRASSE']}"), "tags[1]");
        JsonNode todo = create("{'title': 't', 'tags': ['home']}");
        assertRefused(patch(todo, "{'tags': ['Home', 'home']}"), "tags[1]");
        assertThat(read(todo).get("tags")).extracting(JsonNode::asText).containsExactly("home");
        assertThat(read(todo).get("tags")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "'   '", "'a\\tb'", "'a\\u0000b'", "'line\\nbreak'", "'\\u200b'", "7", "null",
        "['nested']", "{'a': 1}"})
    void aTagThatIsNotOneToSixtyFourVisibleCharactersIsRefusedOnItsIndex(String tag) {
        assertRefused(post("{'title': 't', 'tags': ['fine', " + tag + "]}"), "tags[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"'home'", "7", "true", "{'0': 'home'}"})
    void tagsThatAreNotAnArrayAreRefused(String tags) {
        assertRefused(post("{'title': 't', 'tags': " + tags + "}"), "tags");
    }

    // --- one todo, every answer ------------------------------------------------------------------------------

    @Test
    void theMembersTravelInEveryAnswerThatCarriesATodo() {
        String body = json("{'title': 'everywhere', 'due': {'date': '2026-12-24', 'time': '08:00:00', "
                + "'time_zone': 'Asia/Tokyo'}, 'priority': 'medium', 'tags': ['a', 'B']}");
        String key = UUID.randomUUID().toString();
        Api.Response first = api.post("/api/v1/todos").tenant(tenant).header("Idempotency-Key", key).json(body).send();
        assertThat(first.status()).isEqualTo(201);
        JsonNode todo = first.json();
        assertThat(todo.get("due").get("at").asText()).isEqualTo("2026-12-23T23:00:00.000000Z");
        Api.Response replay = api.post("/api/v1/todos").tenant(tenant).header("Idempotency-Key", key).json(body).send();
        assertThat(replay.header("Idempotent-Replayed")).contains("true");
        assertThat(replay.json()).isEqualTo(todo);

        assertThat(read(todo)).isEqualTo(todo);
        assertThat(api.list(tenant).get("items")).containsExactly(todo);
        assertThat(api.get("/api/v1/todos?limit=5").tenant(tenant).send().json().get("items")).containsExactly(todo);
        JsonNode changes = api.get("/api/v1/todos/changes").tenant(tenant).send().json().get("changes");
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).get("todo")).isEqualTo(todo);
    }

    @Test
    void theV2RoutesCarryTheMembers() {
        String v2 = "/api/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8) + "/tasks";
        Api.Response created = api.post(v2).tenant(tenant).json(json("{'title': 'v2', 'due': {'date': '2026-12-24', "
                + "'time': '17:30:00', 'time_zone': 'Europe/Berlin'}, 'priority': 'high', 'tags': ['home']}")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode todo = created.json();
        assertThat(members(todo)).containsExactlyElementsOf(MEMBERS);
        assertThat(todo.get("due").get("at").asText()).isEqualTo("2026-12-24T16:30:00.000000Z");
        String one = v2 + "/" + todo.get("id").asText();
        assertThat(api.get(one).tenant(tenant).send().json()).isEqualTo(todo).isEqualTo(read(todo));
        assertThat(api.get(v2).tenant(tenant).send().json().get("items")).containsExactly(todo);

        JsonNode toggled = api.patch(one + "/complete").tenant(tenant).send().json();
        assertThat(toggled.get("is_completed").asBoolean()).isTrue();
        assertThat(toggled.get("tags")).isEqualTo(todo.get("tags"));
        assertThat(toggled.get("due")).isEqualTo(todo.get("due"));
        JsonNode patched = api.patch(one).tenant(tenant).json(json("{'priority': 'low', 'due': null}")).send().json();
        assertThat(patched.get("priority").asText()).isEqualTo("low");
        assertThat(patched.get("due").isNull()).isTrue();
        JsonNode replaced = api.method("PUT", one).tenant(tenant).json(json("{'title': 'v2', 'description': null, "
                + "'is_completed': false, 'tags': ['x', 'y']}")).send().json();
        assertThat(replaced.get("tags")).extracting(JsonNode::asText).containsExactly("x", "y");
        assertThat(replaced.get("priority").asText()).isEqualTo("none");
        assertRefused(api.patch(one).tenant(tenant).json(json("{'tags': ['x', 'X']}")).send(), "tags[1]");
    }

    @Test
    void aChangeOfAnyNewMemberIsANewVersion() {
        JsonNode todo = create("{'title': 'versions'}");
        List<String> changes = List.of("{'priority': 'high'}", "{'tags': ['a']}", "{'due': {'date': '2026-12-24'}}",
                "{'due': null}");
        for (int i = 0; i < changes.size(); i++) {
            Api.Response response = patch(todo, changes.get(i));
            assertThat(response.header("ETag")).contains("\"" + (i + 2) + "\"");
        }
        Api.Response stale = api.patch(path(todo)).tenant(tenant).header("If-Match", "\"1\"")
                .json(json("{'priority': 'low'}")).send();
        assertThat(stale.status()).isEqualTo(412);
        assertThat(read(todo).get("priority").asText()).isEqualTo("high");
        assertThat(read(todo).get("tags")).extracting(JsonNode::asText).containsExactly("a");
    }
}
