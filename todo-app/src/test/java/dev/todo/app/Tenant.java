package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One tenant talking to a service through {@link Api}, in v1 or in v2, for the end-to-end tests of issue 18
 * (recurrence, hand-made order, subtasks). Bodies are written with single quotes, turned into double quotes by
 * {@link #json}.
 */
final class Tenant {

    final Api api;
    final String id;
    /** The collection's path: {@code /api/v1/todos}, or {@code /api/{user_id}/tasks}. */
    final String base;

    private Tenant(Api api, String id, String base) {
        this.api = api;
        this.id = id;
        this.base = base;
    }

    /** A new tenant of the shared service, on the v1 routes. */
    static Tenant v1() {
        return v1(TestApp.api());
    }

    static Tenant v1(Api api) {
        return new Tenant(api, TestApp.newTenant(), "/api/v1/todos");
    }

    /** A new tenant of the shared service, on the v2 routes. */
    static Tenant v2() {
        String id = "auth0|" + TestApp.newTenant();
        return new Tenant(TestApp.api(), id, "/api/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/tasks");
    }

    boolean isV2() {
        return !base.startsWith("/api/v1/");
    }

    /** A JSON text written with single quotes. */
    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    static String id(JsonNode todo) {
        return todo.get("id").asText();
    }

    String path(JsonNode todo) {
        return path(id(todo));
    }

    String path(String todoId) {
        return base + "/" + todoId;
    }

    Api.Response post(String body) {
        return api.post(base).tenant(id).json(json(body)).send();
    }

    JsonNode create(String body) {
        Api.Response response = post(body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    Api.Response patch(JsonNode todo, String body) {
        return api.patch(path(todo)).tenant(id).json(json(body)).send();
    }

    Api.Response put(JsonNode todo, String body) {
        return api.method("PUT", path(todo)).tenant(id).json(json(body)).send();
    }

    /** v2's toggle. */
    Api.Response toggle(JsonNode todo) {
        return api.patch(path(todo) + "/complete").tenant(id).send();
    }

    Api.Response move(JsonNode todo, String body) {
        return move(id(todo), body);
    }

    Api.Response move(String todoId, String body) {
        return api.post(path(todoId) + "/move").tenant(id).json(json(body)).send();
    }

    /** Moves the todo, failing the test if the answer is not 200; returns the moved todo. */
    JsonNode moved(JsonNode todo, String body) {
        Api.Response response = move(todo, body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    Api.Response delete(JsonNode todo) {
        return api.delete(path(todo)).tenant(id).send();
    }

    Api.Response get(JsonNode todo) {
        return api.get(path(todo)).tenant(id).send();
    }

    JsonNode read(JsonNode todo) {
        return read(id(todo));
    }

    JsonNode read(String todoId) {
        Api.Response response = api.get(path(todoId)).tenant(id).send();
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The list with this query string (may be empty): its items. */
    JsonNode list(String query) {
        Api.Response response = api.get(base + (query.isEmpty() ? "" : "?" + query)).tenant(id).send();
        assertThat(response.status()).as(query + ": " + response.body()).isEqualTo(200);
        return response.json().get("items");
    }

    List<String> titles(String query) {
        return titlesOf(list(query));
    }

    /** Every page of the list with this query string, following the Link header, as the titles in order. */
    List<String> pageThrough(String query, int limit) {
        List<JsonNode> seen = new ArrayList<>();
        String next = base + "?limit=" + limit + (query.isEmpty() ? "" : "&" + query);
        for (int pages = 0; next != null; pages++) {
            assertThat(pages).as("pages of " + query).isLessThan(200);
            Api.Response response = api.get(next).tenant(id).send();
            assertThat(response.status()).as(next + ": " + response.body()).isEqualTo(200);
            JsonNode page = response.json();
            assertThat(page.get("items").size()).isLessThanOrEqualTo(limit);
            page.get("items").forEach(seen::add);
            if (page.get("next_cursor").isNull()) {
                next = null;
            } else {
                String link = response.header("Link").orElseThrow();
                next = link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            }
        }
        return titlesOf(seen);
    }

    /** The whole change feed from the start. */
    List<JsonNode> changes() {
        List<JsonNode> all = new ArrayList<>();
        String token = null;
        boolean more;
        do {
            String path = "/api/v1/todos/changes?limit=100"
                    + (token == null ? "" : "&since=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            Api.Response response = api.get(path).tenant(id).send();
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            response.json().get("changes").forEach(all::add);
            token = response.json().get("next_token").asText();
            more = response.json().get("has_more").asBoolean();
        } while (more);
        return all;
    }

    static List<String> titlesOf(Iterable<JsonNode> todos) {
        List<String> titles = new ArrayList<>();
        todos.forEach(t -> titles.add(t.get("title").asText()));
        return titles;
    }

    static List<String> ids(Iterable<JsonNode> todos) {
        List<String> ids = new ArrayList<>();
        todos.forEach(t -> ids.add(id(t)));
        return ids;
    }

    /** Asserts a 422 VALIDATION_ERROR whose field errors name exactly these fields, in any order. */
    static void assertRefused(Api.Response response, String... fields) {
        assertThat(response.status()).as(response.body()).isEqualTo(422);
        JsonNode problem = response.json();
        assertThat(problem.get("error_code").asText()).as(response.body()).isEqualTo("VALIDATION_ERROR");
        List<String> named = new ArrayList<>();
        problem.get("field_errors").forEach(e -> named.add(e.get("field").asText()));
        assertThat(named).as(response.body()).containsExactlyInAnyOrder(fields);
    }

    /** The message of the field error on {@code field}. */
    static String message(Api.Response response, String field) {
        for (JsonNode error : response.json().get("field_errors")) {
            if (error.get("field").asText().equals(field)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error on " + field + ": " + response.body());
    }

    /** Asserts a problem with this status and error code. */
    static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("error_code").asText()).as(response.body()).isEqualTo(code);
    }
}
