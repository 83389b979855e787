package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Oversized, broken or hostile requests, many sent as raw bytes: each gets a problem response (or a closed
 * connection), never a crash, a 500 or a change, and the service keeps serving others. (TodoApiErrorsTest covers
 * malformed JSON, one invalid UTF-8 sequence, a duplicated title and an escaped NUL in a title on create.)
 */
class HostileInputTest {

    private static final String TODOS = "/api/v1/todos";

    private final Api api = TestApp.api();
    private final URI base = TestApp.api().base();
    private final String tenant = TestApp.newTenant();
    private JsonNode existing;

    @BeforeEach
    void aTenantWithOneTodo() {
        existing = api.create(tenant, "{\"title\": \"existing\", \"description\": \"kept\"}");
    }

    private String existingPath() {
        return TODOS + "/" + existing.get("id").asText();
    }

    /** Sends raw bytes and returns whatever the server answers before it closes the connection. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException | java.net.SocketException closedOrSlow) {
                // what arrived so far is the answer
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static void assertProblem(String response, int status, String errorCode) {
        assertThat(response).startsWith("HTTP/1.");
        assertThat(response.substring(9, 12)).as(response).isEqualTo(Integer.toString(status));
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(response).contains("\"error_code\":\"" + errorCode + "\"");
    }

    /** A problem answer through the HTTP client: status, media type, error code, and no trace of internals. */
    private static JsonNode assertProblem(Api.Response response, int status, String errorCode) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("error_code").asText()).isEqualTo(errorCode);
        assertThat(response.body()).doesNotContain("Exception", "at dev.", "at io.", "java.", "org.postgresql");
        return problem;
    }

    /** Sends a body of raw bytes, each char of {@code body} one byte (ISO-8859-1), as JSON. */
    private Api.Response send(String method, String path, String body) {
        return api.method(method, path).tenant(tenant).body(body.getBytes(StandardCharsets.ISO_8859_1),
                "application/json").send();
    }

    private static String head(String body) {
        return body.substring(0, Math.min(40, body.length()));
    }

    @AfterEach
    void theServiceStillServesAndTheTodoIsUnchanged() {
        assertThat(api.get("/api/v1/todos").tenant(TestApp.newTenant()).send().status()).isEqualTo(200);
        assertThat(api.list(tenant).get("items")).as("nothing hostile changed anything")
                .containsExactly(existing);
    }

    @Test
    void aRequestLineOver8KiBIs414() throws IOException {
        String response = raw("GET /api/v1/todos/" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\nX-User-ID: a\r\n"
                + "Connection: close\r\n\r\n");
        assertProblem(response, 414, "URI_TOO_LONG");
    }

    @Test
    void aHeaderOver16KiBIs431() throws IOException {
        String response = raw("GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\r\nX-Big: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
        assertProblem(response, 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void aFloodOfHeadersIs431() throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            headers.append("X-Flood-").append(i).append(": v\r\n");
        }
        String response = raw("GET /api/v1/todos HTTP/1.1\r\nHost: x\r\n" + headers
                + "X-User-ID: a\r\nConnection: close\r\n\r\n");
        assertProblem(response, 431, "HEADERS_TOO_LARGE");
    }

    @Test
    void garbageIs400() throws IOException {
        assertProblem(raw("NOT HTTP AT ALL\r\n\r\n"), 400, "VALIDATION_ERROR");
    }

    @Test
    void aBodyLongerThanItsContentLengthSaysIsNotReadAsASecondRequest() throws IOException {
        String body = "{\"title\": \"smuggled\"}";
        String response = raw("POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\r\n"
                + "Content-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n" + body);
        assertProblem(response, 400, "VALIDATION_ERROR");
    }

    @ParameterizedTest
    @ValueSource(ints = {1_000, 10_000})
    void deeplyNestedJsonIsRefusedWithAProblem(int depth) {
        String arrays = "[".repeat(depth) + "]".repeat(depth);
        String objects = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
        for (String body : List.of(arrays, objects, "{\"title\": \"x\", \"description\": " + arrays + "}",
                "{\"title\": \"x\", \"extra\": " + objects + "}")) {
            for (String method : List.of("POST", "PATCH", "PUT")) {
                Api.Response response = send(method, method.equals("POST") ? TODOS : existingPath(), body);
                assertThat(response.status()).as("%s %s…", method, head(body)).isIn(400, 422);
                assertProblem(response, response.status(), "VALIDATION_ERROR");
            }
        }
    }

    @Test
    void hugeNumbersAreRefusedWithAProblem() {
        String digits = "9".repeat(60_000);
        for (String body : List.of("{\"title\": \"x\", \"is_completed\": " + digits + "}",
                "{\"title\": " + digits + "}", "{\"title\": 1e999999999}", "{\"title\": -1e-999999999}",
                "{\"title\": \"x\", \"description\": 0." + digits + "}", digits)) {
            for (String method : List.of("POST", "PATCH")) {
                Api.Response response = send(method, method.equals("POST") ? TODOS : existingPath(), body);
                assertThat(response.status()).as("%s %s…", method, head(body)).isIn(400, 422);
                assertProblem(response, response.status(), "VALIDATION_ERROR");
            }
        }
        for (String query : List.of("?limit=99999999999999999999", "?limit=" + "9".repeat(5_000), "?limit=-1e9",
                "?limit=1e2")) {
            JsonNode problem = assertProblem(api.get(TODOS + query).tenant(tenant).send(), 400, "VALIDATION_ERROR");
            assertThat(problem.get("field_errors").get(0).get("field").asText()).isEqualTo("limit");
        }
        assertProblem(api.get(TODOS + "/changes?limit=99999999999999999999").tenant(tenant).send(), 400,
                "VALIDATION_ERROR");
        assertProblem(api.patch(existingPath()).tenant(tenant).header("If-Match", "\"99999999999999999999\"")
                .json("{\"title\": \"x\"}").send(), 412, "PRECONDITION_FAILED");
    }

    @Test
    void aContentLengthTooBigForAnyNumberIsRefused() throws IOException {
        String response = raw("POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: 99999999999999999999\r\nConnection: close\r\n\r\n"
                + "{\"title\": \"x\"}");
        assertThat(response.isEmpty() || response.startsWith("HTTP/1.1 4")).as(response).isTrue();
        if (!response.isEmpty()) {
            assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        }
    }

    @Test
    void invalidUtf8InABodyIsRefusedWithAProblem() {
        // overlong "/", a UTF-16 surrogate encoded as UTF-8, a lone continuation byte, 0xFF, a sequence cut short
        for (String bad : List.of("\u00c0\u00af", "\u00ed\u00a0\u0080", "\u0080", "\u00ff", "\u00e2\u0082")) {
            for (String body : List.of("{\"title\": \"a" + bad + "b\"}",
                    "{\"title\": \"x\", \"description\": \"" + bad + "\"}",
                    "{\"title\": \"x\", \"" + bad + "\": 1}", "{\"title\": \"a" + bad)) {
                for (String method : List.of("POST", "PATCH", "PUT")) {
                    Api.Response response = send(method, method.equals("POST") ? TODOS : existingPath(), body);
                    assertThat(response.status()).as("%s %s", method, body).isIn(400, 422);
                    assertProblem(response, response.status(), "VALIDATION_ERROR");
                }
            }
        }
    }

    @Test
    void invalidUtf8InTheHeadersOrThePathIsRefusedWithAProblem() throws IOException {
        String id = existing.get("id").asText();
        for (String request : List.of(
                "GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\u00ffb\r\nConnection: close\r\n\r\n",
                "GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\u00c3\u00a9\r\nConnection: close\r\n\r\n",
                "GET /api/v1/todos/" + id + "\u00ff HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant
                        + "\r\nConnection: close\r\n\r\n",
                "GET /api/v1/todos/" + id + "%FF HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant
                        + "\r\nConnection: close\r\n\r\n",
                "GET /api/v1/todos/%C0%AF HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant
                        + "\r\nConnection: close\r\n\r\n",
                "GET /api/v1/todos?sort=%FF HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant
                        + "\r\nConnection: close\r\n\r\n",
                "POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant + "\r\nIdempotency-Key: k\u00ff\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 14\r\nConnection: close\r\n\r\n"
                        + "{\"title\": \"x\"}")) {
            assertProblem(raw(request), 400, "VALIDATION_ERROR");
        }
    }

    @Test
    void duplicateMembersAreRefusedOnEveryWrite() {
        for (Map.Entry<String, String> write : Map.of(
                "PATCH", "{\"is_completed\": true, \"is_completed\": false}",
                "PUT", "{\"title\": \"a\", \"description\": null, \"is_completed\": true, \"title\": \"b\"}",
                "POST", "{\"title\": \"a\", \"description\": \"d\", \"description\": null}").entrySet()) {
            Api.Response response = send(write.getKey(), write.getKey().equals("POST") ? TODOS : existingPath(),
                    write.getValue());
            JsonNode problem = assertProblem(response, 422, "VALIDATION_ERROR");
            assertThat(problem.get("field_errors").get(0).get("message").asText()).as(write.getKey())
                    .containsIgnoringCase("once");
        }
        assertProblem(send("POST", TODOS, "{\"title\": \"a\", \"extra\": {\"k\": 1, \"k\": 2}}"), 422,
                "VALIDATION_ERROR");
    }

    @Test
    void nulBytesAreRefusedWithAProblemWhereverTheyAre() throws IOException {
        for (String body : List.of("{\"title\": \"a\u0000b\"}", "{\"title\": \"x\", \"description\": \"a\\u0000b\"}",
                "{\"title\": \"x\", \"description\": \"a\u0000b\"}", "{\"title\": \"x\"}\u0000",
                "\u0000{\"title\": \"x\"}")) {
            for (String method : List.of("POST", "PATCH", "PUT")) {
                Api.Response response = send(method, method.equals("POST") ? TODOS : existingPath(),
                        method.equals("PUT") ? body.replace("{\"title\"", "{\"is_completed\": false, \"title\"")
                                : body);
                assertThat(response.status()).as("%s %s", method, body).isIn(400, 422);
                assertProblem(response, response.status(), "VALIDATION_ERROR");
            }
        }
        String id = existing.get("id").asText();
        for (String request : List.of(
                "GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\u0000b\r\nConnection: close\r\n\r\n",
                "GET /api/v1/todos/" + id + "%00 HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant
                        + "\r\nConnection: close\r\n\r\n",
                "GET /api/v1/todos?sort=%00 HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant
                        + "\r\nConnection: close\r\n\r\n",
                "GET /api/a%00b/tasks HTTP/1.1\r\nHost: x\r\nX-User-ID: a\r\nConnection: close\r\n\r\n",
                "GET /api/v1/todos/\u0000 HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant
                        + "\r\nConnection: close\r\n\r\n",
                "POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant + "\r\nIdempotency-Key: k\u0000\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 14\r\nConnection: close\r\n\r\n"
                        + "{\"title\": \"x\"}")) {
            String response = raw(request);
            assertThat(response).as(request).startsWith("HTTP/1.1 4");
            assertThat(response.toLowerCase()).as(request).contains("content-type: application/problem+json");
        }
    }

    /** Reads one HTTP/1.1 answer with a Content-Length from a kept-alive connection; returns its status line. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        in.readNBytes(length.find() ? Integer.parseInt(length.group(1)) : 0);
        return text.substring(0, text.indexOf("\r\n"));
    }

    /**
     * Slowloris: connections that send nothing, or a request's head or body a byte at a time (each byte restarting
     * any idle timeout), are closed once the request read timeout (here 1 s) has passed since their request began,
     * while other clients are served meanwhile and a kept-alive connection may pause between requests.
     */
    @Test
    void slowClientsAreCutOffAfterTheRequestReadTimeoutAndOthersAreServedMeanwhile() throws Exception {
        try (TodoApplication guarded = TestApp.start(TestApp.database(),
                Map.of("todo.http.request-read-timeout", "1s"))) {
            URI uri = guarded.uri();
            Api other = new Api(uri);
            String slowHead = "GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant + "\r\nX-Slow: ";
            String slowBody = "POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"title\": \"";
            List<Socket> slow = new ArrayList<>();
            AtomicBoolean trickling = new AtomicBoolean(true);
            Thread trickle = new Thread(() -> {
                while (trickling.get()) {
                    for (Socket socket : slow) {
                        try {
                            socket.getOutputStream().write('a');
                        } catch (IOException closedByTheServer) {
                            // that one is done
                        }
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "slowloris");
            ExecutorService readers = Executors.newVirtualThreadPerTaskExecutor();
            try {
                List<Future<Long>> closedAfter = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    Socket socket = new Socket(uri.getHost(), uri.getPort());
                    long opened = System.nanoTime();
                    socket.setSoTimeout(20_000);
                    if (i % 3 != 0) {
                        socket.getOutputStream().write((i % 3 == 1 ? slowHead : slowBody)
                                .getBytes(StandardCharsets.ISO_8859_1));
                    }
                    slow.add(socket);
                    closedAfter.add(readers.submit(() -> {
                        byte[] answer = socket.getInputStream().readAllBytes();
                        assertThat(new String(answer, StandardCharsets.ISO_8859_1)).as("closed without an answer")
                                .isEmpty();
                        return System.nanoTime() - opened;
                    }));
                }
                trickle.start();
                for (int i = 0; i < 10; i++) {
                    assertThat(other.get("/api/v1/todos").tenant(tenant).send().status())
                            .as("served while the slow clients hang on").isEqualTo(200);
                }
                try (Socket keptAlive = new Socket(uri.getHost(), uri.getPort())) {
                    keptAlive.setSoTimeout(10_000);
                    String request = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";
                    keptAlive.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                    assertThat(readAnswer(keptAlive.getInputStream())).startsWith("HTTP/1.1 200");
                    Thread.sleep(2_500);
                    keptAlive.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                    assertThat(readAnswer(keptAlive.getInputStream()))
                            .as("a pause between requests is not a slow request").startsWith("HTTP/1.1 200");
                }
                long slowest = 0;
                for (Future<Long> closed : closedAfter) {
                    slowest = Math.max(slowest, closed.get());
                }
                System.out.printf("HostileInputTest: 30 slow connections closed at most %d ms after opening%n",
                        slowest / 1_000_000);
                assertThat(Duration.ofNanos(slowest)).as("each closed about 1 s into its request")
                        .isLessThan(Duration.ofSeconds(15));
            } finally {
                trickling.set(false);
                trickle.join();
                readers.shutdownNow();
                for (Socket socket : slow) {
                    socket.close();
                }
            }
            assertThat(other.get("/api/v1/todos").tenant(tenant).send().status()).isEqualTo(200);
        }
    }
}
