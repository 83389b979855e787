package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Metrics, request ids, the request log and the probes, as an operator sees them. */
class ObservabilityTest {

    /** Keeps the lines, with their MDC taken on the thread that logged them (as the production async appender does). */
    private static final ListAppender<ILoggingEvent> REQUESTS = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    static {
        REQUESTS.setName("observability-test");
    }

    private final Api api = TestApp.api();
    private final String tenant = "auth0|observed-" + UUID.randomUUID();

    /** Attached after the application has started, since starting it may reconfigure logging. */
    @BeforeEach
    void listen() {
        Logger logger = (Logger) LoggerFactory.getLogger("todo.requests");
        if (logger.getAppender(REQUESTS.getName()) == null) {
            logger.addAppender(REQUESTS);
            REQUESTS.start();
        }
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("todo.requests")).detachAppender(REQUESTS);
    }

    private static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private String scrape() {
        Api.Response response = api.get("/prometheus").send();
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    @Test
    void aSafeRequestIdIsEchoedAndAnyOtherIsReplaced() {
        Api.Response given = api.get("/api/v1/todos").tenant(tenant).header("X-Request-Id", "client-42").send();
        assertThat(given.header("X-Request-Id")).contains("client-42");
        for (String unsafe : List.of("has space", "x".repeat(129), "quote\"d", "<script>")) {
            String replaced = api.get("/api/v1/todos").tenant(tenant).header("X-Request-Id", unsafe).send()
                    .header("X-Request-Id").orElseThrow();
            assertThat(replaced).isNotEqualTo(unsafe).matches("[0-9a-f-]{36}");
        }
        Api.Response generated = api.get("/health").send();
        assertThat(generated.header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void problemsCarryTheRequestId() {
        Api.Response problem = api.get("/api/v1/todos/not-a-uuid").tenant(tenant).header("X-Request-Id", "trace-me")
                .send();
        assertThat(problem.json().get("request_id").asText()).isEqualTo("trace-me");
        Api.Response unknownRoute = api.get("/nowhere").send();
        assertThat(unknownRoute.json().get("request_id").asText()).isEqualTo(unknownRoute.header("X-Request-Id")
                .orElseThrow());
    }

    @Test
    void theRequestLogHasOneLinePerRequestWithTheRouteAndATenantHashButNoTenant() {
        String id = "log-" + UUID.randomUUID();
        api.post("/api/v1/todos").tenant(tenant).header("X-Request-Id", id).json("{\"title\": \"logged\"}").send();
        List<ILoggingEvent> lines = REQUESTS.list.stream().filter(e -> id.equals(e.getMDCPropertyMap()
                .get("request_id"))).toList();
        assertThat(lines).hasSize(1);
        String line = lines.get(0).getFormattedMessage();
        assertThat(line).startsWith("POST /api/v1/todos 201 ").contains("tenant=").doesNotContain(tenant)
                .doesNotContain("observed");
        assertThat(REQUESTS.list).noneMatch(e -> e.getFormattedMessage().contains(tenant));
    }

    /** Issue 19: in the text format too, a POST to /mcp names its method and tool, and nothing of its arguments. */
    @Test
    void anMcpRequestsLineNamesItsMethodAndTool() {
        String id = "mcp-" + UUID.randomUUID();
        api.post("/mcp").tenant(tenant).header("X-Request-Id", id).json("{\"jsonrpc\":\"2.0\",\"id\":1,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"list_tasks\",\"arguments\":{\"q\":\"hidden words\"}}}")
                .send();
        String notification = "mcp-note-" + UUID.randomUUID();
        api.post("/mcp").tenant(tenant).header("X-Request-Id", notification)
                .json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").send();
        assertThat(REQUESTS.list.stream().filter(e -> id.equals(e.getMDCPropertyMap().get("request_id")))
                .map(ILoggingEvent::getFormattedMessage)).singleElement().asString()
                .startsWith("POST /mcp 200 ").contains(" tenant=").endsWith(" mcp=\"tools/call list_tasks\"")
                .doesNotContain("hidden").doesNotContain(tenant);
        assertThat(REQUESTS.list.stream().filter(e -> notification.equals(e.getMDCPropertyMap().get("request_id")))
                .map(ILoggingEvent::getFormattedMessage)).singleElement().asString()
                .startsWith("POST /mcp 202 ").endsWith(" mcp=\"notifications/initialized\"");
    }

    @Test
    void routesAreLoggedAsTemplatesWithoutTheirPatterns() {
        String id = "route-" + UUID.randomUUID();
        api.get("/api/v1/todos/" + UUID.randomUUID()).tenant(tenant).header("X-Request-Id", id).send();
        assertThat(REQUESTS.list.stream().filter(e -> id.equals(e.getMDCPropertyMap().get("request_id")))
                .map(ILoggingEvent::getFormattedMessage)).singleElement().asString()
                .startsWith("GET /api/v1/todos/{id} 404 ");
    }

    @Test
    void metricsCountHttpRequestsTheDomainAndProblemsWithoutTenantsOrIds() {
        String before = scrape();
        String id = api.create(tenant, "{\"title\": \"counted\"}").get("id").asText();
        api.patch("/api/v1/todos/" + id).tenant(tenant).json("{\"is_completed\": true}").send();
        api.delete("/api/v1/todos/" + id).tenant(tenant).send();
        api.get("/api/v1/todos/" + UUID.randomUUID()).tenant(tenant).send();
        String after = scrape();

        assertThat(metric(after, "todo_created_todos_total") - metric(before, "todo_created_todos_total")).isEqualTo(1);
        assertThat(metric(after, "todo_completed_todos_total") - metric(before, "todo_completed_todos_total"))
                .isEqualTo(1);
        assertThat(metric(after, "todo_deleted_todos_total") - metric(before, "todo_deleted_todos_total")).isEqualTo(1);
        assertThat(metric(after, "todo_problems_total{error_code=\"NOT_FOUND\"}")
                - metric(before, "todo_problems_total{error_code=\"NOT_FOUND\"}")).isEqualTo(1);
        assertThat(after).contains("http_server_requests_seconds_count{", "uri=\"/api/v1/todos\"",
                "uri=\"/api/v1/todos/{id}\"",
                "hikaricp_connections_active", "jvm_memory_used_bytes", "process_cpu_usage");
        assertThat(after).doesNotContain(tenant, "observed-", id, "[^/]");
    }

    @Test
    void livenessAndReadinessProbesAnswer() {
        assertThat(api.get("/health/liveness").send().status()).isEqualTo(200);
        Api.Response readiness = api.get("/health/readiness").send();
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
    }
}
