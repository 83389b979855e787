package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The request log in the JSON format (TODO_LOG_FORMAT=json), read back as JSON, as a log pipeline reads it. */
class RequestLogTest {

    private static final ByteArrayOutputStream OUT = new ByteArrayOutputStream();
    private static final OutputStreamAppender<ILoggingEvent> JSON_LOG = new OutputStreamAppender<>();

    private final Api api = TestApp.api();

    /** The encoder as logback.xml configures the json appender. Attached once the service has started. */
    @BeforeEach
    void listen() {
        Logger logger = (Logger) LoggerFactory.getLogger("todo.requests");
        if (logger.getAppender("request-log-test") == null) {
            LoggerContext context = logger.getLoggerContext();
            JsonLogEncoder encoder = new JsonLogEncoder();
            encoder.setContext(context);
            encoder.setWithFormattedMessage(true);
            encoder.setWithMessage(false);
            encoder.setWithArguments(false);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.setWithContext(false);
            encoder.setWithTimestamp(true);
            encoder.start();
            JSON_LOG.setName("request-log-test");
            JSON_LOG.setContext(context);
            JSON_LOG.setEncoder(encoder);
            JSON_LOG.setOutputStream(OUT);
            JSON_LOG.start();
            logger.addAppender(JSON_LOG);
        }
    }

    @AfterAll
    static void stop() {
        ((Logger) LoggerFactory.getLogger("todo.requests")).detachAppender(JSON_LOG);
    }

    private static JsonNode lineOf(String requestId) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        String all;
        synchronized (OUT) {
            all = OUT.toString(StandardCharsets.UTF_8);
        }
        for (String line : all.split("\n")) {
            if (!line.isBlank()) {
                JsonNode json = Api.JSON.readTree(line);
                if (requestId.equals(json.path("mdc").path("request_id").asText())) {
                    lines.add(json);
                }
            }
        }
        assertThat(lines).hasSize(1);
        return lines.get(0);
    }

    /** Issue 15.8: method, route, status, duration and tenant are fields of their own; the time is ISO-8601 UTC. */
    @Test
    void eachValueOfTheRequestLogIsAFieldOfItsOwnAndTheTimeIsIso8601Utc() throws IOException {
        String tenant = "jane.doe-" + UUID.randomUUID() + "@example.com";
        String id = "json-" + UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);
        assertThat(api.post("/api/v1/todos").tenant(tenant).header("X-Request-Id", id).json("{\"title\": \"a\"}")
                .send().status()).isEqualTo(201);

        JsonNode line = lineOf(id);
        assertThat(line.get("loggerName").asText()).isEqualTo("todo.requests");
        assertThat(line.get("method").asText()).isEqualTo("POST");
        assertThat(line.get("route").asText()).isEqualTo("/api/v1/todos");
        assertThat(line.get("status").isInt()).isTrue();
        assertThat(line.get("status").asInt()).isEqualTo(201);
        assertThat(line.get("duration_ms").isIntegralNumber()).isTrue();
        assertThat(line.get("duration_ms").asLong()).isNotNegative();
        assertThat(line.get("tenant").asText()).matches("[0-9a-f]{12}");
        assertThat(line.get("timestamp").isTextual()).isTrue();
        assertThat(line.get("timestamp").asText()).endsWith("Z");
        assertThat(Instant.parse(line.get("timestamp").asText())).isAfter(before).isBefore(Instant.now().plusSeconds(1));
        assertThat(line.toString()).doesNotContain(tenant).doesNotContain("jane.doe");
    }

    /**
     * Issue 14: the tenant hash is keyed with the deployment's key, so it cannot be found by hashing likely ids (a
     * dictionary of e-mail addresses): it is not a plain SHA-256 of the id, but stays the same for the same tenant.
     */
    @Test
    void theTenantHashIsKeyedSoADictionaryOfIdsDoesNotRevealTheTenant() throws Exception {
        String tenant = "john.smith-" + UUID.randomUUID() + "@example.com";
        String first = "hash-" + UUID.randomUUID();
        String second = "hash-" + UUID.randomUUID();
        api.get("/api/v1/todos").tenant(tenant).header("X-Request-Id", first).send();
        api.get("/api/v1/todos").tenant(tenant).header("X-Request-Id", second).send();

        String message = lineOf(first).get("formattedMessage").asText();
        String hash = message.substring(message.indexOf("tenant=") + "tenant=".length());
        assertThat(hash).matches("[0-9a-f]{12}");
        assertThat(lineOf(second).get("formattedMessage").asText()).endsWith("tenant=" + hash);
        byte[] plain = MessageDigest.getInstance("SHA-256").digest(tenant.getBytes(StandardCharsets.UTF_8));
        assertThat(hash).isNotEqualTo(HexFormat.of().formatHex(plain, 0, 6));
    }

    /** Issue 15.8: a request refused for its Accept header is logged and counted with the route it matched. */
    @Test
    void aRequestRefusedForItsMediaTypesCarriesTheRouteItMatched() throws IOException {
        String id = "refused-" + UUID.randomUUID();
        Api.Response refused = api.get("/api/v1/todos").tenant(TestApp.newTenant()).header("Accept", "text/html")
                .header("X-Request-Id", id).send();
        assertThat(refused.status()).isEqualTo(406);
        assertThat(lineOf(id).get("formattedMessage").asText()).startsWith("GET /api/v1/todos 406 ");
        String scrape = api.get("/prometheus").send().body();
        // Other tests share the service and may have had 406s on other routes: this one's route is among them, and
        // no 406 is unmatched.
        List<String> refusals = scrape.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{")
                && l.contains("status=\"406\"")).toList();
        assertThat(refusals).anySatisfy(l -> assertThat(l).contains("method=\"GET\"")
                .contains("uri=\"/api/v1/todos\""));
        assertThat(refusals).noneSatisfy(l -> assertThat(l).contains("UNMATCHED_URI"));
        // A path no route has stays unmatched.
        String unknown = "unknown-" + UUID.randomUUID();
        api.get("/nowhere").header("X-Request-Id", unknown).send();
        assertThat(lineOf(unknown).get("formattedMessage").asText()).startsWith("GET - 404 ");
    }

    /**
     * Issue 19: a POST to /mcp names the JSON-RPC method and, for tools/call, the tool, as the field {@code mcp} and
     * in the message; never the arguments (a title), a resource's URI (a todo's id), or a name the client made up
     * out of other characters (log injection).
     */
    @Test
    void anMcpRequestNamesItsMethodAndToolButNeverItsArguments() throws IOException {
        String tenant = TestApp.newTenant();
        String secret = "Secret title " + UUID.randomUUID();
        String call = "mcp-call-" + UUID.randomUUID();
        Api.Response added = api.post("/mcp").tenant(tenant).header("X-Request-Id", call).json(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"add_task\","
                        + "\"arguments\":{\"title\":\"" + secret + "\"}}}").send();
        assertThat(added.status()).isEqualTo(200);
        String todoId = added.json().get("result").get("structuredContent").get("id").asText();
        JsonNode line = lineOf(call);
        assertThat(line.get("mcp").asText()).isEqualTo("tools/call add_task");
        assertThat(line.get("route").asText()).isEqualTo("/mcp");
        assertThat(line.get("formattedMessage").asText()).startsWith("POST /mcp 200 ")
                .endsWith(" mcp=\"tools/call add_task\"");
        assertThat(line.toString()).doesNotContain(secret).doesNotContain("Secret").doesNotContain(todoId);

        String read = "mcp-read-" + UUID.randomUUID();
        api.post("/mcp").tenant(tenant).header("X-Request-Id", read).json("{\"jsonrpc\":\"2.0\",\"id\":2,"
                + "\"method\":\"resources/read\",\"params\":{\"uri\":\"todo://tasks/" + todoId + "\"}}").send();
        assertThat(lineOf(read).get("mcp").asText()).isEqualTo("resources/read");
        assertThat(lineOf(read).toString()).doesNotContain(todoId);

        String forged = "mcp-forged-" + UUID.randomUUID();
        api.post("/mcp").tenant(tenant).header("X-Request-Id", forged).json("{\"jsonrpc\":\"2.0\",\"id\":3,"
                + "\"method\":\"tools/call\",\"params\":{\"name\":\"x\\n200 tenant=forged\",\"arguments\":{}}}")
                .send();
        assertThat(lineOf(forged).get("mcp").asText()).isEqualTo("tools/call ?");
        assertThat(lineOf(forged).get("formattedMessage").asText()).doesNotContain("forged");

        String rest = "rest-" + UUID.randomUUID();
        api.get("/api/v1/todos").tenant(tenant).header("X-Request-Id", rest).send();
        assertThat(lineOf(rest).has("mcp")).as("only /mcp names a call").isFalse();
    }
}
