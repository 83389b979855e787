package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Input rules of issue 14 and 15, through a real HTTP client: numbers in query strings, the Accept header, the cap
 * on listed field errors, and the characters a title and a description may hold.
 */
class InputRulesTest {

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();

    private static JsonNode assertProblem(Api.Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("error_code").asText()).isEqualTo(errorCode);
        return problem;
    }

    private static List<String> fields(JsonNode problem) {
        return problem.get("field_errors").findValuesAsText("field");
    }

    // Numbers in query strings: ASCII digits only.

    @ParameterizedTest
    @ValueSource(strings = {"%D9%A5", "%E0%A5%AB", "%EF%BC%95", "%F0%9D%9F%93", "%2B5", "5%20", "%DB%B5%DB%B0"})
    void aLimitInDigitsOtherThanAsciiIsRefusedLikeAnyBadLimit(String limit) {
        JsonNode problem = assertProblem(api.get("/api/v1/todos?limit=" + limit).tenant(tenant).send(), 400,
                "VALIDATION_ERROR");
        assertThat(fields(problem)).containsExactly("limit");
        JsonNode changes = assertProblem(api.get("/api/v1/todos/changes?limit=" + limit).tenant(tenant).send(), 400,
                "VALIDATION_ERROR");
        assertThat(fields(changes)).containsExactly("limit");
    }

    @Test
    void asciiLimitsStillWork() {
        assertThat(api.get("/api/v1/todos?limit=5").tenant(tenant).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/todos?limit=005").tenant(tenant).send().status()).isEqualTo(200);
        assertThat(api.get("/api/v1/todos/changes?limit=500").tenant(tenant).send().status()).isEqualTo(200);
    }

    // Accept: q=0 is "not this"; application/problem+json is acceptable on every route.

    @ParameterizedTest
    @ValueSource(strings = {"application/json;q=0", "application/json; q=0.0, text/html", "*/*, application/json;q=0",
        "application/*;q=0", "*/*;q=0", "application/problem+json, application/json;q=0", "text/html"})
    void anAcceptThatRefusesJsonIs406(String accept) {
        String id = api.create(tenant, "{\"title\": \"negotiated\"}").get("id").asText();
        for (Api.Call call : List.of(api.get("/api/v1/todos"), api.get("/api/v1/todos/" + id),
                api.delete("/api/v1/todos/" + id), api.get("/api/" + tenant + "/tasks"))) {
            Api.Response response = call.tenant(tenant).header("Accept", accept).send();
            assertProblem(response, 406, "NOT_ACCEPTABLE");
        }
        assertThat(api.list(tenant).get("count").asInt()).as("the refused DELETE deleted nothing").isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/problem+json", "application/json;q=0.5", "application/*", "*/*;q=0.1",
        "text/html;q=0.9, application/json;q=0.1", "application/problem+json, application/json",
        "APPLICATION/JSON"})
    void anAcceptThatAllowsJsonOrProblemJsonIsServedJson(String accept) {
        Api.Response created = api.post("/api/v1/todos").tenant(tenant).header("Accept", accept)
                .json("{\"title\": \"negotiated\"}").send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        String path = "/api/v1/todos/" + created.json().get("id").asText();

        Api.Response read = api.get(path).tenant(tenant).header("Accept", accept).send();
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.contentType()).startsWith("application/json");
        assertThat(read.json().get("title").asText()).isEqualTo("negotiated");

        Api.Response list = api.get("/api/v1/todos").tenant(tenant).header("Accept", accept).send();
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.contentType()).startsWith("application/json");

        Api.Response patched = api.patch(path).tenant(tenant).header("Accept", accept)
                .json("{\"is_completed\": true}").send();
        assertThat(patched.status()).isEqualTo(200);

        Api.Response tasks = api.get("/api/" + tenant + "/tasks").tenant(tenant).header("Accept", accept).send();
        assertThat(tasks.status()).isEqualTo(200);

        assertProblem(api.get("/api/v1/todos/00000000-0000-4000-8000-000000000000").tenant(tenant)
                .header("Accept", accept).send(), 404, "NOT_FOUND");
        assertProblem(api.post("/api/v1/todos").tenant(tenant).header("Accept", accept).json("{}").send(), 422,
                "VALIDATION_ERROR");

        Api.Response deleted = api.delete(path).tenant(tenant).header("Accept", accept).send();
        assertThat(deleted.status()).isEqualTo(204);
        assertProblem(api.delete(path).tenant(tenant).header("Accept", accept).send(), 404, "NOT_FOUND");
    }

    // A 422 lists at most 50 field errors.

    @Test
    void aBodyWithThousandsOfBadMembersListsFiftyAndSaysSo() {
        StringBuilder body = new StringBuilder("{\"title\": \"x\"");
        for (int i = 0; i < 10_000; i++) {
            body.append(",\"a\":1");
        }
        body.append('}');
        for (String method : List.of("POST", "PUT", "PATCH")) {
            String path = method.equals("POST") ? "/api/v1/todos"
                    : "/api/v1/todos/" + api.create(tenant, "{\"title\": \"target\"}").get("id").asText();
            Api.Response response = api.method(method, path).tenant(tenant).json(body.toString()).send();
            JsonNode problem = assertProblem(response, 422, "VALIDATION_ERROR");
            assertThat(problem.get("field_errors")).as(method).hasSize(50);
            assertThat(problem.get("field_errors_truncated").asBoolean()).isTrue();
            assertThat(problem.get("detail").asText()).contains("the first 50 are listed");
            assertThat(response.body().length()).as("a small answer").isLessThan(8_000);
        }
        StringBuilder unknown = new StringBuilder("{\"title\": \"x\"");
        for (int i = 0; i < 3_000; i++) {
            unknown.append(",\"m").append(i).append("\":1");
        }
        JsonNode problem = assertProblem(api.post("/api/v1/todos").tenant(tenant).json(unknown + "}").send(), 422,
                "VALIDATION_ERROR");
        assertThat(problem.get("field_errors")).hasSize(50);
        assertThat(problem.get("detail").asText()).isEqualTo("The request has 3000 invalid fields; the first 50 are "
                + "listed.");
    }

    @Test
    void aProblemWithFewFieldErrorsListsThemAllWithoutTheTruncationMember() {
        JsonNode problem = assertProblem(api.post("/api/v1/todos").tenant(tenant)
                .json("{\"title\": \"\", \"colour\": 1}").send(), 422, "VALIDATION_ERROR");
        assertThat(problem.get("field_errors")).hasSize(2);
        assertThat(problem.has("field_errors_truncated")).isFalse();
    }

    // Titles: no control characters, not blank once invisible characters are left out; descriptions: no controls
    // but tab and line breaks.

    @ParameterizedTest
    @ValueSource(strings = {"\\u200B", "\\u200B\\u200C\\u200D", "\\u2060", "\\u3164", "\\u2800", "\\uFEFF", "\\u115F\\u1160",
        "\\uFFA0", " \\u200B ", "\\u00AD", "\\uFE0F", "a\\u0007b", "esc\\u001b[31mred", "tab\\there", "line\\nbreak",
        "c1\\u0085"})
    void aTitleThatShowsNothingOrHoldsAControlCharacterIs422NamingTitle(String escaped) {
        String title = "{\"title\": \"" + escaped + "\"}";
        JsonNode created = assertProblem(api.post("/api/v1/todos").tenant(tenant).json(title).send(), 422,
                "VALIDATION_ERROR");
        assertThat(fields(created)).containsExactly("title");
        String path = "/api/v1/todos/" + api.create(tenant, "{\"title\": \"kept\"}").get("id").asText();
        assertThat(fields(assertProblem(api.patch(path).tenant(tenant).json(title).send(), 422, "VALIDATION_ERROR")))
                .containsExactly("title");
        assertThat(fields(assertProblem(api.method("PUT", path).tenant(tenant)
                .json("{\"title\": \"" + escaped + "\", \"description\": null, \"is_completed\": false}").send(), 422,
                "VALIDATION_ERROR"))).containsExactly("title");
        assertThat(fields(assertProblem(api.post("/api/" + tenant + "/tasks").tenant(tenant).json(title).send(), 422,
                "VALIDATION_ERROR"))).containsExactly("title");
        assertThat(api.get(path).tenant(tenant).send().json().get("title").asText()).isEqualTo("kept");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Buy milk", "👩\\u200D💻 review", "e\\u0301t\\u00E9", "a\\u200Bb", "\\u3164ㅎ"})
    void visibleTitlesAreStillAccepted(String escaped) {
        Api.Response response = api.post("/api/v1/todos").tenant(tenant).json("{\"title\": \"" + escaped + "\"}")
                .send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @Test
    void aDescriptionMayHoldTabsAndLineBreaksButNoOtherControlCharacter() {
        Api.Response kept = api.post("/api/v1/todos").tenant(tenant)
                .json("{\"title\": \"t\", \"description\": \"one\\ttwo\\r\\nthree\\n\"}").send();
        assertThat(kept.status()).as(kept.body()).isEqualTo(201);
        assertThat(kept.json().get("description").asText()).isEqualTo("one\ttwo\r\nthree\n");
        for (String bad : List.of("\\u0007", "\\u001b[2J", "\\u000b", "\\u000c", "\\u007f", "\\u0085")) {
            JsonNode problem = assertProblem(api.post("/api/v1/todos").tenant(tenant)
                    .json("{\"title\": \"t\", \"description\": \"a" + bad + "b\"}").send(), 422, "VALIDATION_ERROR");
            assertThat(fields(problem)).as(bad).containsExactly("description");
        }
    }
}
