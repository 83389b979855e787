package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The seed's v1 contract, error rows: every error is application/problem+json with error_code and field_errors,
 * and a rejected request changes nothing.
 */
class TodoApiErrorsTest {

    private static final String TODOS = "/api/v1/todos";

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();
    private JsonNode existing;
    private JsonNode before;

    @BeforeEach
    void aTenantWithOneTodo() {
        existing = api.create(tenant, "{\"title\": \"existing\", \"description\": \"kept\"}");
        before = api.list(tenant);
    }

    private String existingPath() {
        return TODOS + "/" + existing.get("id").asText();
    }

    /** Checks the problem shape and that the tenant's todos are exactly as they were. */
    private JsonNode assertProblem(Api.Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        List<String> members = new ArrayList<>();
        problem.fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactlyInAnyOrder("type", "title", "status", "detail", "error_code",
                "field_errors", "request_id");
        assertThat(response.header("X-Request-Id")).contains(problem.get("request_id").asText());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("error_code").asText()).isEqualTo(errorCode);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/" + errorCode.toLowerCase().replace('_', '-'));
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(problem.get("field_errors").isArray()).isTrue();
        assertThat(response.header("X-Content-Type-Options")).contains("nosniff");
        if (response.raw().uri().getPath().startsWith("/api/")) {
            assertThat(response.header("Cache-Control")).contains("no-store");
        }
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "at io.", "java.", "SELECT", "INSERT",
                "org.postgresql", "micronaut");
        assertThat(api.list(tenant)).as("a rejected request changes nothing").isEqualTo(before);
        return problem;
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.get("field_errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    static Stream<Arguments> everyRoute() {
        String id = "/00000000-0000-4000-8000-000000000000";
        return Stream.of(
                Arguments.of("POST", TODOS, "{\"title\": \"x\"}"),
                Arguments.of("GET", TODOS, null),
                Arguments.of("GET", TODOS + id, null),
                Arguments.of("PATCH", TODOS + id, "{\"title\": \"x\"}"),
                Arguments.of("DELETE", TODOS + id, null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("everyRoute")
    void noUserIdIs400MissingUserContext(String method, String path, String body) {
        Api.Call call = api.method(method, path);
        if (body != null) {
            call.json(body);
        }
        assertProblem(call.send(), 400, "MISSING_USER_CONTEXT");
    }

    @Test
    void anEmptyUserIdIsMissingToo() {
        assertProblem(api.get(TODOS).header("X-User-ID", "").send(), 400, "MISSING_USER_CONTEXT");
    }

    @Test
    void theTenantIsCheckedBeforeTheBodyAndItsMediaType() {
        assertProblem(api.post(TODOS).json("{not json").send(), 400, "MISSING_USER_CONTEXT");
        assertProblem(api.post(TODOS).json("{\"title\": \"\", \"unknown\": 1}").send(), 400, "MISSING_USER_CONTEXT");
        assertProblem(api.post(TODOS).body("x".getBytes(StandardCharsets.UTF_8), "text/plain").send(), 400,
                "MISSING_USER_CONTEXT");
        JsonNode problem = assertProblem(api.post(TODOS).tenant("bad tenant").json("{not json").send(), 400,
                "VALIDATION_ERROR");
        assertThat(fields(problem)).containsExactly("X-User-ID");
        assertProblem(api.patch("/api/v1/todos/not-a-uuid").json("{}").send(), 400, "MISSING_USER_CONTEXT");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice bob", "a/b", "ä", "a,b", "{x}", "a;b", "%41"})
    void aMalformedUserIdIs400ValidationError(String userId) {
        JsonNode problem = assertProblem(api.get(TODOS).header("X-User-ID", userId).send(), 400,
                "VALIDATION_ERROR");
        assertThat(fields(problem)).containsExactly("X-User-ID");
    }

    @Test
    void aUserIdOver128CharactersIs400ValidationError() {
        JsonNode problem = assertProblem(api.get(TODOS).tenant("x".repeat(129)).send(), 400, "VALIDATION_ERROR");
        assertThat(problem.get("field_errors").get(0).get("message").asText()).contains("128");
    }

    @Test
    void twoUserIdHeadersAre400() {
        JsonNode problem = assertProblem(api.get(TODOS).tenant(tenant).tenant("other").send(), 400,
                "VALIDATION_ERROR");
        assertThat(fields(problem)).containsExactly("X-User-ID");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"title\": }", "{\"title\": \"x\",}", "[1,", "{\"title\": \"x\"} trailing",
        "{'title': 'x'}", "{\"title\": \"x\" /* comment */}", "nul", "{\"title\": NaN}"})
    void malformedJsonIs400ValidationError(String body) {
        JsonNode problem = assertProblem(api.post(TODOS).tenant(tenant).json(body).send(), 400, "VALIDATION_ERROR");
        assertThat(fields(problem)).containsExactly("body");
        assertProblem(api.patch(existingPath()).tenant(tenant).json(body).send(), 400, "VALIDATION_ERROR");
    }

    @Test
    void invalidUtf8Is400() {
        byte[] body = {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertProblem(api.post(TODOS).tenant(tenant).body(body, "application/json").send(), 400,
                "VALIDATION_ERROR");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "123", "00000000-0000-4000-8000-00000000000g",
        "0000000000000000000000000000000000000", "+0000000-0000-4000-8000-000000000000", "a;b", "a+b"})
    void aPathIdThatIsNotAUuidIs400(String id) {
        for (Api.Call call : List.of(api.get(TODOS + "/" + id), api.delete(TODOS + "/" + id),
                api.patch(TODOS + "/" + id).json("{}"))) {
            JsonNode problem = assertProblem(call.tenant(tenant).send(), 400, "VALIDATION_ERROR");
            assertThat(fields(problem)).containsExactly("id");
        }
    }

    static Stream<Arguments> invalidCreateBodies() {
        return Stream.of(
                Arguments.of("{}", List.of("title")),
                Arguments.of("{\"description\": \"no title\"}", List.of("title")),
                Arguments.of("{\"title\": null}", List.of("title")),
                Arguments.of("{\"title\": \"\"}", List.of("title")),
                Arguments.of("{\"title\": \"   \"}", List.of("title")),
                Arguments.of("{\"title\": \"\\t\\n\"}", List.of("title")),
                Arguments.of("{\"title\": \"" + "t".repeat(256) + "\"}", List.of("title")),
                Arguments.of("{\"title\": 42}", List.of("title")),
                Arguments.of("{\"title\": true}", List.of("title")),
                Arguments.of("{\"title\": [\"x\"]}", List.of("title")),
                Arguments.of("{\"title\": {\"x\": 1}}", List.of("title")),
                Arguments.of("{\"title\": \"a\\u0000b\"}", List.of("title")),
                Arguments.of("{\"title\": \"\\ud800\"}", List.of("title")),
                Arguments.of("{\"title\": \"x\", \"description\": \"" + "d".repeat(2001) + "\"}",
                        List.of("description")),
                Arguments.of("{\"title\": \"x\", \"description\": 5}", List.of("description")),
                Arguments.of("{\"title\": \"x\", \"is_completed\": true}", List.of("is_completed")),
                Arguments.of("{\"title\": \"x\", \"id\": \"00000000-0000-4000-8000-000000000000\"}", List.of("id")),
                Arguments.of("{\"title\": \"x\", \"user_id\": \"someone-else\"}", List.of("user_id")),
                Arguments.of("{\"title\": \"x\", \"title\": \"y\"}", List.of("title")),
                Arguments.of("{\"title\": \"\", \"description\": \"" + "d".repeat(2001) + "\", \"colour\": \"red\"}",
                        List.of("title", "description", "colour")),
                Arguments.of("[]", List.of("body")),
                Arguments.of("\"a string\"", List.of("body")),
                Arguments.of("null", List.of("body")),
                Arguments.of("", List.of("body")));
    }

    @ParameterizedTest
    @MethodSource("invalidCreateBodies")
    void anInvalidCreateBodyIs422ListingEveryBadField(String body, List<String> badFields) {
        JsonNode problem = assertProblem(api.post(TODOS).tenant(tenant).json(body).send(), 422, "VALIDATION_ERROR");
        assertThat(fields(problem)).containsExactlyElementsOf(badFields);
        problem.get("field_errors").forEach(e -> assertThat(e.get("message").asText()).isNotBlank());
    }

    static Stream<Arguments> invalidPatchBodies() {
        return Stream.of(
                Arguments.of("{\"title\": null}", List.of("title")),
                Arguments.of("{\"title\": \"\"}", List.of("title")),
                Arguments.of("{\"title\": \" \"}", List.of("title")),
                Arguments.of("{\"title\": \"" + "t".repeat(256) + "\"}", List.of("title")),
                Arguments.of("{\"title\": 1}", List.of("title")),
                Arguments.of("{\"description\": \"" + "d".repeat(2001) + "\"}", List.of("description")),
                Arguments.of("{\"description\": false}", List.of("description")),
                Arguments.of("{\"is_completed\": null}", List.of("is_completed")),
                Arguments.of("{\"is_completed\": \"true\"}", List.of("is_completed")),
                Arguments.of("{\"is_completed\": 1}", List.of("is_completed")),
                Arguments.of("{\"completed\": true}", List.of("completed")),
                Arguments.of("{\"created_at\": \"2020-01-01T00:00:00Z\"}", List.of("created_at")),
                Arguments.of("{\"title\": \"ok\", \"is_completed\": null, \"extra\": 1}",
                        List.of("is_completed", "extra")),
                Arguments.of("{\"title\": \"\", \"description\": 1, \"is_completed\": \"no\"}",
                        List.of("title", "description", "is_completed")),
                Arguments.of("[]", List.of("body")),
                Arguments.of("", List.of("body")));
    }

    @ParameterizedTest
    @MethodSource("invalidPatchBodies")
    void anInvalidPatchBodyIs422ListingEveryBadFieldAndChangesNothing(String body, List<String> badFields) {
        JsonNode problem = assertProblem(api.patch(existingPath()).tenant(tenant).json(body).send(), 422,
                "VALIDATION_ERROR");
        assertThat(fields(problem)).containsExactlyElementsOf(badFields);
        assertThat(api.get(existingPath()).tenant(tenant).send().json()).isEqualTo(existing);
    }

    @Test
    void anotherTenantsTodoIsNotFoundForEveryRouteAndStaysUntouched() {
        String intruder = TestApp.newTenant();
        for (Api.Call call : List.of(api.get(existingPath()), api.delete(existingPath()),
                api.patch(existingPath()).json("{\"title\": \"hijacked\"}"), api.patch(existingPath()).json("{}"))) {
            JsonNode problem = assertProblem(call.tenant(intruder).send(), 404, "NOT_FOUND");
            assertThat(problem.get("detail").asText()).isEqualTo("Todo not found");
        }
        assertThat(api.list(intruder).get("count").asInt()).isZero();
        assertThat(api.get(existingPath()).tenant(tenant).send().json()).isEqualTo(existing);
    }

    @Test
    void anUnknownIdIsNotFound() {
        String unknown = TODOS + "/" + java.util.UUID.randomUUID();
        for (Api.Call call : List.of(api.get(unknown), api.delete(unknown), api.patch(unknown).json("{}"))) {
            JsonNode problem = assertProblem(call.tenant(tenant).send(), 404, "NOT_FOUND");
            assertThat(problem.get("detail").asText()).isEqualTo("Todo not found");
        }
    }

    @Test
    void theAnotherTenantAnswerCannotBeToldFromAnUnknownId() {
        String intruder = TestApp.newTenant();
        // The same request id both times, so that the bodies may be compared whole.
        Api.Response foreign = api.get(existingPath()).tenant(intruder).header("X-Request-Id", "same").send();
        Api.Response unknown = api.get(TODOS + "/" + java.util.UUID.randomUUID()).tenant(intruder)
                .header("X-Request-Id", "same").send();
        assertThat(foreign.status()).isEqualTo(unknown.status());
        assertThat(foreign.body()).isEqualTo(unknown.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/nope", "/api/v1", "/api/v2/todos", "/api/v1/todos/x/y", "/api/v1/todo"})
    void anUnknownRouteIsNotFound(String path) {
        assertProblem(api.get(path).tenant(tenant).send(), 404, "NOT_FOUND");
    }

    @Test
    void anUnknownRouteIsProblemJsonEvenForABrowser() {
        assertProblem(api.get("/nope").header("Accept", "text/html").send(), 404, "NOT_FOUND");
    }

    @Test
    void aMethodTheRouteDoesNotHaveIs405() {
        JsonNode problem = assertProblem(api.method("PUT", TODOS).tenant(tenant).json("{}").send(), 405,
                "METHOD_NOT_ALLOWED");
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertProblem(api.method("POST", existingPath()).tenant(tenant).json("{}").send(), 405,
                "METHOD_NOT_ALLOWED");
        assertProblem(api.method("DELETE", TODOS).tenant(tenant).send(), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void aMethodNotAllowedNamesTheAllowedOnes() {
        Api.Response response = api.method("PUT", TODOS).tenant(tenant).json("{}").send();
        assertThat(response.header("Allow")).hasValueSatisfying(allow -> assertThat(allow).contains("GET", "POST"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml", "text/json",
        "multipart/form-data; boundary=x"})
    void aBodyThatIsNotJsonIs415(String contentType) {
        byte[] body = "{\"title\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        assertProblem(api.post(TODOS).tenant(tenant).body(body, contentType).send(), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertProblem(api.patch(existingPath()).tenant(tenant).body(body, contentType).send(), 415,
                "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        byte[] body = "{\"title\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        assertProblem(api.post(TODOS).tenant(tenant).body(body, null).send(), 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void jsonWithACharsetParameterIsAccepted() {
        Api.Response response = api.post(TODOS).tenant(tenant)
                .body("{\"title\": \"x\"}".getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8")
                .send();
        assertThat(response.status()).isEqualTo(201);
        api.delete(TODOS + "/" + response.json().get("id").asText()).tenant(tenant).send();
    }

    @Test
    void aBodyOver64KiBIs413() {
        String big = "{\"title\": \"x\", \"description\": \"" + "d".repeat(65 * 1024) + "\"}";
        assertProblem(api.post(TODOS).tenant(tenant).json(big).send(), 413, "PAYLOAD_TOO_LARGE");
        assertProblem(api.patch(existingPath()).tenant(tenant).json(big).send(), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void aBodyOfExactly64KiBIsRead() {
        String prefix = "{\"title\": \"x\", \"pad\": \"";
        String suffix = "\"}";
        String body = prefix + "p".repeat(65536 - prefix.length() - suffix.length()) + suffix;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(65536);
        // Read, so it fails validation on its unknown member rather than on its size.
        JsonNode problem = assertProblem(api.post(TODOS).tenant(tenant).json(body).send(), 422, "VALIDATION_ERROR");
        assertThat(fields(problem)).containsExactly("pad");
    }

    @Test
    void aClientThatAcceptsNoJsonIs406() {
        assertProblem(api.get(TODOS).tenant(tenant).header("Accept", "text/html").send(), 406, "NOT_ACCEPTABLE");
    }

    /** A DELETE's only body is a problem, so a client may accept just application/problem+json (15.1). */
    @Test
    void aDeleteThatAcceptsOnlyProblemsIsServed() {
        for (String collection : List.of(TODOS, "/api/" + tenant + "/tasks")) {
            String id = api.create(tenant, "{\"title\": \"to delete\"}").get("id").asText();
            Api.Response deleted = api.delete(collection + "/" + id).tenant(tenant)
                    .header("Accept", "application/problem+json").send();
            assertThat(deleted.status()).as(collection).isEqualTo(204);
            assertProblem(api.delete(collection + "/" + id).tenant(tenant).header("Accept", "application/problem+json")
                    .send(), 404, "NOT_FOUND");
        }
    }
}
