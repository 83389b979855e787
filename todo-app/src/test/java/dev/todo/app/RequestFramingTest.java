package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * How the service frames requests (issue 14): compressed bodies, request smuggling through Transfer-Encoding and
 * Content-Length, and requests that fail HTTP decoding, which must still get a request id, a request-log line and a
 * count in the metrics.
 */
class RequestFramingTest {

    private static final String BODY = "{\"title\": \"framed\"}";

    private final Api api = TestApp.api();
    private final URI base = TestApp.api().base();
    private final String tenant = TestApp.newTenant();

    /** Every line logged at WARN or above (the tests' root level), and every request-log line. */
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };

    @BeforeEach
    void listen() {
        logged.setName("request-framing-test");
        logged.start();
        root().addAppender(logged);
        requests().addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        root().detachAppender(logged);
        requests().detachAppender(logged);
    }

    @AfterEach
    void nothingWasCreatedAndTheServiceStillServes() {
        assertThat(api.list(tenant).get("items")).as("no request of this test created anything").isEmpty();
        assertThat(api.get("/health").send().status()).isEqualTo(200);
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
    }

    private static Logger requests() {
        return (Logger) LoggerFactory.getLogger("todo.requests");
    }

    /** What one connection answered until the server closed it, and whether it did close it. */
    private record Answer(String text, boolean closed) {

        int responses() {
            Matcher m = Pattern.compile("HTTP/1\\.1 \\d{3} ").matcher(text);
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        }

        String status() {
            return text.length() >= 12 ? text.substring(9, 12) : "";
        }

        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ": *([^\\r\\n]*)").matcher(text);
            return m.find() ? m.group(1) : null;
        }

        JsonNode body() throws IOException {
            String body = text.substring(text.indexOf("\r\n\r\n") + 4);
            return Api.JSON.readTree(body);
        }
    }

    /** Sends bytes on one connection and reads until the server closes it (or 5 s pass without a byte). */
    private Answer send(String request) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            boolean closed = false;
            try {
                for (int n; ; ) {
                    n = in.read(buffer);
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException stillOpen) {
                closed = false;
            } catch (SocketException reset) {
                closed = true;
            }
            return new Answer(answer.toString(StandardCharsets.ISO_8859_1), closed);
        }
    }

    private String head(String transferAndLength) {
        return "POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant + "\r\n"
                + "Content-Type: application/json\r\n" + transferAndLength + "\r\n";
    }

    private static String chunked(String body) {
        return Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n";
    }

    /** A second request on the same connection: were it read, it would create a todo for the tenant. */
    private String smuggled() {
        String body = "{\"title\": \"smuggled\"}";
        return "POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + tenant + "\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static double metric(String scrape, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + " ([0-9.eE+-]+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private double problems(String code) {
        return metric(api.get("/prometheus").send().body(), "todo_problems_total{error_code=\"" + code + "\"}");
    }

    private List<ILoggingEvent> requestLines(String id) {
        return logged.list.stream().filter(e -> e.getLoggerName().equals("todo.requests"))
                .filter(e -> id.equals(e.getMDCPropertyMap().get("request_id"))).toList();
    }

    private List<ILoggingEvent> warningsAndErrors() {
        return logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }

    // 14.2: a compressed body is 415 before authentication, with one request-log line and no ERROR.

    @ParameterizedTest
    @ValueSource(strings = {"gzip", "x-gzip", "deflate", "snappy", "br", "compress", "GZIP", "identity, gzip"})
    void aRequestBodyInAContentCodingIs415WithoutAnErrorLogged(String coding) {
        double before = problems("UNSUPPORTED_MEDIA_TYPE");
        double defectsBefore = problems("INTERNAL_ERROR");
        Api.Response response = api.post("/api/v1/todos").tenant(tenant).header("Content-Encoding", coding)
                .json(BODY).send();
        assertThat(response.status()).as(response.body()).isEqualTo(415);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("error_code").asText()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(problem.get("detail").asText()).contains("Content-Encoding");
        String id = response.header("X-Request-Id").orElseThrow();
        assertThat(problem.get("request_id").asText()).isEqualTo(id);
        assertThat(requestLines(id)).singleElement().satisfies(line -> assertThat(line.getFormattedMessage())
                .contains(" 415 "));
        assertThat(warningsAndErrors()).as("nothing above INFO: a client's mistake is no defect").isEmpty();
        assertThat(problems("UNSUPPORTED_MEDIA_TYPE") - before).isEqualTo(1);
        assertThat(problems("INTERNAL_ERROR")).as("no 500 was counted").isEqualTo(defectsBefore);
    }

    @Test
    void evenABodyThatIsReallyCompressedIs415AndAnUnauthenticatedOneToo() throws IOException {
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(BODY.getBytes(StandardCharsets.UTF_8));
        }
        Api.Response response = api.post("/api/v1/todos").tenant(tenant).header("Content-Encoding", "gzip")
                .body(gzipped.toByteArray(), "application/json").send();
        assertThat(response.status()).isEqualTo(415);
        Api.Response anonymous = api.post("/api/v1/todos").header("Content-Encoding", "gzip").json(BODY).send();
        assertThat(anonymous.status()).as("refused before the tenant is looked at").isEqualTo(415);
        assertThat(warningsAndErrors()).isEmpty();
    }

    @Test
    void contentEncodingIdentityIsNoCodingAtAll() {
        String other = TestApp.newTenant();
        Api.Response response = api.post("/api/v1/todos").tenant(other).header("Content-Encoding", "identity")
                .json(BODY).send();
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    // 14.4: request smuggling. RFC 9112, sections 6.1 and 6.3: 400, and the connection closed.

    @Test
    void chunkedWithAContentLengthIs400AndTheConnectionClosesBeforeTheNextRequest() throws IOException {
        assertRefusedAndNothingFollows(send(head("Transfer-Encoding: chunked\r\nContent-Length: 4\r\n")
                + chunked(BODY) + smuggled()));
    }

    @Test
    void chunkedFollowedByAnotherCodingIs400AndTheConnectionCloses() throws IOException {
        assertRefusedAndNothingFollows(send(head("Transfer-Encoding: chunked, identity\r\n") + chunked(BODY)
                + smuggled()));
    }

    @Test
    void anUnknownTransferEncodingWithAContentLengthIs400AndTheConnectionCloses() throws IOException {
        assertRefusedAndNothingFollows(send(head("Transfer-Encoding: xchunked\r\nContent-Length: " + BODY.length()
                + "\r\n") + BODY + smuggled()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n",
        "Transfer-Encoding: gzip, chunked\r\n", "Transfer-Encoding: identity\r\n",
        "Transfer-Encoding:  chunked\r\nContent-Length: 0\r\n", "Content-Length: 4\r\nTransfer-Encoding: CHUNKED\r\n"})
    void everyOtherTransferEncodingOrCombinationWithContentLengthIs400(String headers) throws IOException {
        assertRefusedAndNothingFollows(send(head(headers) + chunked(BODY) + smuggled()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: 19\r\nContent-Length: 19\r\n", "Content-Length: 19\r\nContent-Length: 4\r\n",
        "Content-Length: 19, 19\r\n", "Content-Length: 19, 4\r\n"})
    void duplicateOrConflictingContentLengthsAre400AndTheConnectionCloses(String headers) throws IOException {
        assertRefusedAndNothingFollows(send(head(headers) + BODY + smuggled()));
    }

    @Test
    void plainChunkedIsServedAndTheConnectionKeptForTheNextRequest() throws IOException {
        String other = TestApp.newTenant();
        Answer answer = send("POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + other + "\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" + chunked(BODY)
                + "GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: " + other + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.responses()).as(answer.text()).isEqualTo(2);
        assertThat(answer.status()).isEqualTo("201");
        assertThat(api.list(other).get("count").asInt()).isEqualTo(1);
    }

    private void assertRefusedAndNothingFollows(Answer answer) throws IOException {
        assertThat(answer.status()).as(answer.text()).isEqualTo("400");
        assertThat(answer.responses()).as("the request after it is not answered: %s", answer.text()).isEqualTo(1);
        assertThat(answer.closed()).as("the connection is closed").isTrue();
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = answer.body();
        assertThat(problem.get("error_code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(problem.get("request_id").asText()).isEqualTo(answer.header("X-Request-Id"));
        assertThat(warningsAndErrors()).isEmpty();
    }

    // 14.5: requests that fail decoding get a request id, a request-log line and a count.

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /api/v1/todos HTTP/1.1\nHost: x\nX-User-ID: a\n\n",
        "GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\u0001b\r\n\r\n",
        "GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-Bell: ring\u0007\r\nX-User-ID: a\r\n\r\n",
        "POST /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID: a\r\nContent-Type: application/json\r\n"
            + "Content-Length: 19\r\nContent-Length: 20\r\n\r\n{\"title\": \"framed\"}",
        "GET /api/v1/todos HTTP/1.1\r\nHost: x\r\nX-User-ID : a\r\n\r\n"})
    void aRequestThatFailsDecodingGetsAnIdALogLineAndACount(String request) throws IOException {
        double before = problems("VALIDATION_ERROR");
        Answer answer = send(request);
        assertThat(answer.status()).as(answer.text()).isEqualTo("400");
        String id = answer.header("X-Request-Id");
        assertThat(id).as(answer.text()).matches("[0-9a-f-]{36}");
        JsonNode problem = answer.body();
        assertThat(problem.get("request_id").asText()).isEqualTo(id);
        assertThat(problem.get("error_code").asText()).isEqualTo("VALIDATION_ERROR");
        assertThat(requestLines(id)).singleElement().satisfies(line -> {
            assertThat(line.getLevel()).isEqualTo(Level.INFO);
            assertThat(line.getFormattedMessage()).contains(" 400 ");
        });
        assertThat(problems("VALIDATION_ERROR") - before).isEqualTo(1);
        assertThat(warningsAndErrors()).isEmpty();
    }

    @Test
    void aClientsRequestIdIsNotTakenFromARequestThatFailedDecoding() throws IOException {
        String given = "mine-" + UUID.randomUUID();
        Answer answer = send("GET /api/v1/todos HTTP/1.1\nHost: x\nX-Request-Id: " + given + "\n\n");
        assertThat(answer.status()).isEqualTo("400");
        assertThat(answer.header("X-Request-Id")).isNotEqualTo(given).matches("[0-9a-f-]{36}");
    }
}
