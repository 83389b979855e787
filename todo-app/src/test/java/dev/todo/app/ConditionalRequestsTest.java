package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ETags, If-None-Match, If-Match (RFC 9110) and full replace, through a real HTTP client. */
class ConditionalRequestsTest {

    private final Api api = TestApp.api();
    private final String tenant = TestApp.newTenant();

    private Api.Response create() {
        Api.Response created = api.post("/api/v1/todos").tenant(tenant).json("{\"title\": \"versioned\"}").send();
        assertThat(created.status()).isEqualTo(201);
        return created;
    }

    private static String path(Api.Response created) {
        return "/api/v1/todos/" + created.json().get("id").asText();
    }

    @Test
    void everyTodoResponseCarriesAStrongEtagThatChangesWithEveryWrite() {
        Api.Response created = create();
        assertThat(created.header("ETag")).contains("\"1\"");
        Api.Response read = api.get(path(created)).tenant(tenant).send();
        assertThat(read.header("ETag")).contains("\"1\"");
        Api.Response patched = api.patch(path(created)).tenant(tenant).json("{\"is_completed\": true}").send();
        assertThat(patched.header("ETag")).contains("\"2\"");
        Api.Response replaced = api.method("PUT", path(created)).tenant(tenant)
                .json("{\"title\": \"t\", \"description\": null, \"is_completed\": false}").send();
        assertThat(replaced.header("ETag")).contains("\"3\"");
    }

    @Test
    void getWithTheCurrentEtagIs304WithoutABody() {
        Api.Response created = create();
        Api.Response notModified = api.get(path(created)).tenant(tenant).header("If-None-Match", "\"1\"").send();
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.header("ETag")).contains("\"1\"");
        assertThat(api.get(path(created)).tenant(tenant).header("If-None-Match", "W/\"1\"").send().status())
                .as("If-None-Match compares weakly").isEqualTo(304);
        assertThat(api.get(path(created)).tenant(tenant).header("If-None-Match", "\"7\", \"1\"").send().status())
                .isEqualTo(304);
        assertThat(api.get(path(created)).tenant(tenant).header("If-None-Match", "*").send().status())
                .isEqualTo(304);
        Api.Response stale = api.get(path(created)).tenant(tenant).header("If-None-Match", "\"0\"").send();
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.json()).isEqualTo(created.json());
    }

    @Test
    void writesWithTheCurrentEtagProceedAndReturnTheNewOne() {
        Api.Response created = create();
        Api.Response patched = api.patch(path(created)).tenant(tenant).header("If-Match", "\"1\"")
                .json("{\"title\": \"changed\"}").send();
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.header("ETag")).contains("\"2\"");
        assertThat(api.patch(path(created)).tenant(tenant).header("If-Match", "*").json("{}").send().status())
                .isEqualTo(200);
        assertThat(api.delete(path(created)).tenant(tenant).header("If-Match", "\"2\"").send().status())
                .isEqualTo(204);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"0\"", "\"2\"", "W/\"1\"", "\"abc\"", "\"01\"", "\"+1\"", "\"1,2\"", "\"1,\""})
    void writesWithAStaleOrWeakEtagAre412AndChangeNothing(String ifMatch) {
        Api.Response created = create();
        for (Api.Call write : List.of(
                api.patch(path(created)).json("{\"title\": \"lost update\"}"),
                api.method("PUT", path(created)).json("{\"title\": \"x\", \"description\": null, "
                        + "\"is_completed\": true}"),
                api.patch(path(created)).json("{}"),
                api.delete(path(created)))) {
            Api.Response response = write.tenant(tenant).header("If-Match", ifMatch).send();
            assertThat(response.status()).as(response.body()).isEqualTo(412);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("error_code").asText()).isEqualTo("PRECONDITION_FAILED");
        }
        assertThat(api.get(path(created)).tenant(tenant).send().json()).isEqualTo(created.json());
    }

    @Test
    void aCommaInsideAnEntityTagBelongsToTheTag() {
        Api.Response created = create();
        assertThat(api.get(path(created)).tenant(tenant).header("If-None-Match", "\"a,b\", \"1\"").send().status())
                .as("the list holds two tags, the second current").isEqualTo(304);
        assertThat(api.get(path(created)).tenant(tenant).header("If-None-Match", "\"1,\"").send().status())
                .as("one tag, 1-comma, not the current one").isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"3", "\"1\", \"2\"", "W/", "\"unterminated", "\"1\",", "\"1\" \"2\"", ",\"1\""})
    void aMalformedIfMatchIs400(String ifMatch) {
        Api.Response created = create();
        Api.Response response = api.patch(path(created)).tenant(tenant).header("If-Match", ifMatch)
                .json("{\"title\": \"x\"}").send();
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("field_errors").get(0).get("field").asText()).isEqualTo("If-Match");
        assertThat(api.get(path(created)).tenant(tenant).send().json()).isEqualTo(created.json());
    }

    @Test
    void anotherTenantsTodoIsStill404WithAnIfMatch() {
        Api.Response created = create();
        assertThat(api.patch(path(created)).tenant(TestApp.newTenant()).header("If-Match", "\"1\"")
                .json("{\"title\": \"x\"}").send().status()).isEqualTo(404);
    }

    @Test
    void ofConcurrentWritersWithTheSameEtagExactlyOneWins() throws Exception {
        Api.Response created = create();
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String title = "writer " + i;
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.patch(path(created)).tenant(tenant).header("If-Match", "\"1\"")
                            .json("{\"title\": \"" + title + "\"}").send().status();
                }));
            }
            start.countDown();
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                results.add(status.get());
            }
            assertThat(results).containsOnly(200, 412);
            assertThat(results).filteredOn(s -> s == 200).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        JsonNode after = api.get(path(created)).tenant(tenant).send().json();
        assertThat(api.get(path(created)).tenant(tenant).send().header("ETag")).contains("\"2\"");
        assertThat(after.get("title").asText()).startsWith("writer ");
    }

    @Test
    void putReplacesEveryMember() {
        Api.Response created = api.post("/api/v1/todos").tenant(tenant)
                .json("{\"title\": \"old\", \"description\": \"old description\"}").send();
        Api.Response replaced = api.method("PUT", path(created)).tenant(tenant)
                .json("{\"title\": \"new\", \"description\": null, \"is_completed\": true}").send();
        assertThat(replaced.status()).isEqualTo(200);
        JsonNode todo = replaced.json();
        assertThat(todo.get("title").asText()).isEqualTo("new");
        assertThat(todo.get("description").isNull()).isTrue();
        assertThat(todo.get("is_completed").asBoolean()).isTrue();
        assertThat(todo.get("created_at")).isEqualTo(created.json().get("created_at"));
        assertThat(api.get(path(created)).tenant(tenant).send().json()).isEqualTo(todo);
    }

    @Test
    void putWithAMissingMemberIs422NamingItAndChangesNothing() {
        Api.Response created = create();
        Api.Response response = api.method("PUT", path(created)).tenant(tenant)
                .json("{\"title\": \"only a title\"}").send();
        assertThat(response.status()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        response.json().get("field_errors").forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactly("description", "is_completed");
        Api.Response invalid = api.method("PUT", path(created)).tenant(tenant)
                .json("{\"title\": \"\", \"is_completed\": null, \"extra\": 1}").send();
        List<String> invalidFields = new ArrayList<>();
        invalid.json().get("field_errors").forEach(e -> invalidFields.add(e.get("field").asText()));
        assertThat(invalidFields).containsExactly("description", "title", "is_completed", "extra");
        assertThat(api.get(path(created)).tenant(tenant).send().json()).isEqualTo(created.json());
    }

    @Test
    void putOnAnotherTenantsTodoIs404() {
        Api.Response created = create();
        assertThat(api.method("PUT", path(created)).tenant(TestApp.newTenant())
                .json("{\"title\": \"x\", \"description\": null, \"is_completed\": true}").send().status())
                .isEqualTo(404);
        assertThat(api.get(path(created)).tenant(tenant).send().json()).isEqualTo(created.json());
    }
}
