package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of due, priority and tags on the wire, through a real HTTP client: where they sit in a todo, how each
 * kind of request reads them, the field each refusal names, the tags routes on v1 and v2, and the list's new
 * parameters refused by name.
 */
class PlanRequestShapeTest {

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();
    private final String v2 = "/api/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8);

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private JsonNode create(String body) {
        return api.create(tenant, json(body));
    }

    private Api.Response send(String method, String path, String body) {
        return api.method(method, path).tenant(tenant).json(json(body)).send();
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("field_errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    @Test
    void theThreeMembersComeAfterTheSeedsInEveryTodo() {
        JsonNode todo = create("{'title': 't'}");
        List<String> names = new ArrayList<>();
        todo.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("id", "title", "description", "is_completed", "created_at", "updated_at",
                "user_id", "due", "priority", "tags", "recurrence", "position", "parent_id", "next_occurrence_id");
        assertThat(todo.get("due").isNull()).isTrue();
        assertThat(todo.get("priority").asText()).isEqualTo("none");
        assertThat(todo.get("tags").isArray()).isTrue();
        assertThat(todo.get("tags")).isEmpty();
        JsonNode timed = create("{'title': 't', 'due': {'date': '2026-12-24', 'time': '17:30', "
                + "'time_zone': 'Europe/Berlin'}}");
        assertThat(timed.get("due").toString()).isEqualTo(json("{'date':'2026-12-24','time':'17:30:00',"
                + "'time_zone':'Europe/Berlin','at':'2026-12-24T16:30:00.000000Z'}"));
        JsonNode allDay = create("{'title': 't', 'due': {'date': '2026-12-24'}}");
        assertThat(allDay.get("due").toString())
                .isEqualTo(json("{'date':'2026-12-24','time':null,'time_zone':null,'at':null}"));
    }

    @Test
    void everyBadMemberIsNamedInOne422() {
        Api.Response response = send("POST", "/api/v1/todos", "{'title': 't', 'due': {'date': '2026-12-24', "
                + "'time': 1730, 'at': 'x'}, 'priority': 3, 'tags': ['a', 7, 'A']}");
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("error_code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(fields(response)).containsExactlyInAnyOrder("due.time", "due.at", "priority", "tags[1]",
                "tags[2]");
        assertThat(fields(send("POST", "/api/v1/todos", "{'title': 't', 'due': '2026-12-24', 'tags': 'a'}")))
                .containsExactlyInAnyOrder("due", "tags");
        assertThat(fields(send("POST", "/api/v1/todos", "{'title': 't', 'due': {'time': '10:00', "
                + "'time_zone': 'Europe/Berlin'}}"))).containsExactly("due.date");
        assertThat(api.list(tenant).get("count").asInt()).isZero();
    }

    @Test
    void aPatchLeavesAbsentMembersAndResetsNullOnes() {
        JsonNode todo = create("{'title': 't', 'due': {'date': '2026-12-24'}, 'priority': 'high', 'tags': ['a']}");
        String path = "/api/v1/todos/" + todo.get("id").asText();
        JsonNode renamed = send("PATCH", path, "{'title': 'u'}").json();
        assertThat(renamed.get("due")).isEqualTo(todo.get("due"));
        assertThat(renamed.get("priority").asText()).isEqualTo("high");
        assertThat(renamed.get("tags")).isEqualTo(todo.get("tags"));
        JsonNode cleared = send("PATCH", path, "{'due': null, 'priority': null, 'tags': null}").json();
        assertThat(cleared.get("due").isNull()).isTrue();
        assertThat(cleared.get("priority").asText()).isEqualTo("none");
        assertThat(cleared.get("tags")).isEmpty();
        assertThat(cleared.get("title").asText()).isEqualTo("u");
    }

    @Test
    void aPutSetsWhatItLeavesOutToTheDefaults() {
        JsonNode todo = create("{'title': 't', 'due': {'date': '2026-12-24'}, 'priority': 'low', 'tags': ['a']}");
        String path = "/api/v1/todos/" + todo.get("id").asText();
        JsonNode replaced = send("PUT", path, "{'title': 't', 'description': null, 'is_completed': false}").json();
        assertThat(replaced.get("due").isNull()).isTrue();
        assertThat(replaced.get("priority").asText()).isEqualTo("none");
        assertThat(replaced.get("tags")).isEmpty();
        JsonNode planned = send("PUT", path, "{'title': 't', 'description': null, 'is_completed': true, "
                + "'priority': 'medium', 'tags': ['b']}").json();
        assertThat(planned.get("priority").asText()).isEqualTo("medium");
        assertThat(planned.get("tags").get(0).asText()).isEqualTo("b");
    }

    @Test
    void theV2RoutesCarryTheMembers() {
        Api.Response created = send("POST", v2 + "/tasks", "{'title': 't', 'priority': 'high', 'tags': ['x']}");
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(api.get(v2 + "/tasks/" + id).tenant(tenant).send().json()).isEqualTo(created.json());
        JsonNode patched = send("PATCH", v2 + "/tasks/" + id, "{'due': {'date': '2027-01-01'}}").json();
        assertThat(patched.get("due").get("date").asText()).isEqualTo("2027-01-01");
        assertThat(patched.get("priority").asText()).isEqualTo("high");
        JsonNode listed = api.get(v2 + "/tasks?priority=high&tag=X").tenant(tenant).send().json();
        assertThat(listed.get("items")).containsExactly(patched);
    }

    @Test
    void theTagsRoutesListRenameAndRemoveOnV1AndV2() {
        create("{'title': 'a', 'tags': ['Home', 'errand']}");
        create("{'title': 'b', 'tags': ['home']}");
        JsonNode tags = api.get("/api/v1/tags").tenant(tenant).send().json();
        // Home and home, once each: the first by code point is shown.
        assertThat(tags.toString()).isEqualTo(json("{'items':[{'name':'errand','count':1},"
                + "{'name':'Home','count':2}],'count':2}"));
        assertThat(api.get(v2 + "/tags").tenant(tenant).send().json()).isEqualTo(tags);

        Api.Response renamed = send("PATCH", "/api/v1/tags/HOME", "{'name': 'house'}");
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().toString()).isEqualTo(json("{'name':'house','count':2}"));
        assertThat(fields(send("PATCH", "/api/v1/tags/house", "{'name': '', 'x': 1}")))
                .containsExactly("name", "x");
        assertThat(send("PATCH", v2 + "/tags/errand", "{'name': 'chore'}").json().get("name").asText())
                .isEqualTo("chore");

        assertThat(api.delete("/api/v1/tags/House").tenant(tenant).send().status()).isEqualTo(204);
        assertThat(api.delete(v2 + "/tags/chore").tenant(tenant).send().status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tags").tenant(tenant).send().body()).isEqualTo(json("{'items':[],'count':0}"));
        for (Api.Response missing : List.of(api.delete("/api/v1/tags/house").tenant(tenant).send(),
                send("PATCH", "/api/v1/tags/nothing", "{'name': 'x'}"),
                api.delete("/api/v1/tags/" + "x".repeat(65)).tenant(tenant).send())) {
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().get("error_code").asText()).isEqualTo("NOT_FOUND");
        }
        assertThat(api.get(v2.replace(tenant, TestApp.newTenant()) + "/tags").tenant(tenant).send().status())
                .isEqualTo(403);
        create("{'title': 'c', 'tags': ['work/home', 'ünï cödé']}");
        assertThat(send("PATCH", "/api/v1/tags/work%2Fhome", "{'name': 'office'}").status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/tags/%C3%9CN%C3%8F%20c%C3%B6d%C3%A9").tenant(tenant).send().status())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/tags").tenant(tenant).send().json().get("items").get(0).get("name").asText())
                .isEqualTo("office");
    }

    @Test
    void badListParametersAre400NamingThem() {
        for (String parameter : List.of("q=%20-%20", "priority=urgent", "tag=", "due_before=2026-02-30",
                "due_after=tomorrow", "has_due=yes", "overdue=1", "time_zone=Mars/Olympus", "sort=relevance",
                "q=a&q=b")) {
            String name = parameter.substring(0, parameter.indexOf('='));
            for (String path : List.of("/api/v1/todos?", v2 + "/tasks?")) {
                Api.Response response = api.get(path + parameter).tenant(tenant).send();
                assertThat(response.status()).as(path + parameter).isEqualTo(400);
                assertThat(fields(response)).as(parameter).containsExactly(name);
            }
        }
        assertThat(api.get("/api/v1/todos?tag=a&tag=b&priority=low,high&q=milk&sort=-due").tenant(tenant).send()
                .status()).isEqualTo(200);
    }
}
