package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.persistence.TestPostgres;
import dev.todo.rest.api.OpenConnections;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cap on open connections (TODO_HTTP_MAX_CONNECTIONS, todo.http.max-connections), through raw sockets. */
class ConnectionLimitTest {

    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

    /** Sends a request on a kept-alive connection and reads its head and Content-Length body. */
    private static String exchange(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return text;
    }

    /** What a connection gets for a request before it is closed: nothing, when it is refused. */
    private static String answerOf(Socket socket) throws IOException {
        try {
            socket.getOutputStream().write(HEALTH.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketException reset) {
            return "";
        }
    }

    @Test
    void connectionsPastTheCapAreClosedAtOnceAndCountedAndOthersAreServedOnceOneCloses() throws Exception {
        TestPostgres.Database database = TestPostgres.createDatabase();
        try (TodoApplication app = TestApp.start(database, Map.of("todo.http.max-connections", 3))) {
            URI uri = app.uri();
            OpenConnections connections = app.context().getBean(OpenConnections.class);
            List<Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    Socket socket = new Socket(uri.getHost(), uri.getPort());
                    socket.setSoTimeout(10_000);
                    open.add(socket);
                    assertThat(exchange(socket, HEALTH)).startsWith("HTTP/1.1 200");
                }
                assertThat(connections.open()).isEqualTo(3);
                try (Socket refused = new Socket(uri.getHost(), uri.getPort())) {
                    refused.setSoTimeout(10_000);
                    assertThat(answerOf(refused)).as("closed without an answer").isEmpty();
                }
                assertThat(connections.refused()).isEqualTo(1);
                assertThat(connections.open()).isEqualTo(3);
                assertThat(exchange(open.get(0), HEALTH)).as("the open ones are still served")
                        .startsWith("HTTP/1.1 200");

                open.remove(0).close();
                for (int i = 0; i < 100 && connections.open() > 2; i++) {
                    Thread.sleep(50);
                }
                assertThat(connections.open()).isEqualTo(2);
                try (Socket next = new Socket(uri.getHost(), uri.getPort())) {
                    next.setSoTimeout(10_000);
                    assertThat(exchange(next, HEALTH)).as("a place was freed").startsWith("HTTP/1.1 200");
                }
            } finally {
                for (Socket socket : open) {
                    socket.close();
                }
            }
            for (int i = 0; i < 100 && connections.open() > 0; i++) {
                Thread.sleep(50);
            }
            String scrape = new Api(uri).get("/prometheus").send().body();
            assertThat(scrape).contains("todo_http_connections_open ", "todo_http_connections_refused_total 1.0",
                    "todo_http_connections_max 3.0");
        }
    }
}
