package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.cornutum.tcases.SystemInputDef;
import org.cornutum.tcases.SystemTestDef;
import org.cornutum.tcases.Tcases;
import org.cornutum.tcases.openapi.ModelOptions;
import org.cornutum.tcases.openapi.OpenApiUtils;
import org.cornutum.tcases.openapi.TcasesOpenApi;
import org.cornutum.tcases.openapi.reader.OpenApiReader;
import org.cornutum.tcases.openapi.resolver.MessageData;
import org.cornutum.tcases.openapi.resolver.ParamData;
import org.cornutum.tcases.openapi.resolver.ParamDef;
import org.cornutum.tcases.openapi.resolver.RequestCase;
import org.cornutum.tcases.openapi.resolver.RequestCases;
import org.cornutum.tcases.openapi.test.ResponseValidationHandler;
import org.cornutum.tcases.openapi.test.ResponseValidator;
import org.cornutum.tcases.openapi.test.ResponsesDef;
import org.cornutum.tcases.openapi.testwriter.RequestCaseUtils;
import org.cornutum.tcases.openapi.testwriter.encoder.DataValueJson;
import org.cornutum.tcases.resolve.ResolverContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Requests generated from the service's own OpenAPI document by Tcases for OpenAPI: for every operation, valid
 * requests that cover each kind of valid input, and one failure request per kind of invalid input (a missing or
 * malformed header, path or query parameter; a body that is missing, not an object, or with a member of the wrong
 * type, length or value). Each is sent through a real HTTP client to the running service, which must never answer
 * 5xx, must answer every failure request with 4xx, and must answer everything as the document says: a status the
 * operation declares, and headers and a body that validate against its schemas (Tcases' response validator).
 *
 * <p>The service runs in header mode, so the document is read as header mode reads it: X-User-ID is required and
 * there is no bearer scheme. So that valid requests reach past "not found" and "forbidden", a valid request names a
 * todo of its own tenant (created just before) and, on the v2 routes, its own tenant in the path; the values keep
 * the input class Tcases chose (a valid UUID, a valid tenant).
 */
class OpenApiFuzzTest {

    /** The seed for Tcases' value generator: the same requests on every run unless -Dtodo.fuzz.seed names another. */
    private static final long SEED = Long.getLong("todo.fuzz.seed", 20_260_125L);

    private static final Api API = TestApp.api();
    private static final Map<String, Integer> STATUSES = new ConcurrentHashMap<>();

    private final OpenAPI document = document();
    private final ResponseValidator validator = validator(document);

    /** The served document, as header mode reads it. */
    private static OpenAPI document() {
        Api.Response served = API.get("/openapi.yml").send();
        assertThat(served.status()).isEqualTo(200);
        try (OpenApiReader reader = new OpenApiReader(
                new ByteArrayInputStream(served.body().getBytes(StandardCharsets.UTF_8)), "yaml")) {
            OpenAPI api = reader.read();
            Parameter tenant = api.getComponents().getParameters().get("TenantHeader");
            assertThat(tenant.getName()).isEqualTo("X-User-ID");
            tenant.setRequired(true);
            api.setSecurity(null);
            api.getComponents().setSecuritySchemes(null);
            return api;
        }
    }

    private static ResponseValidator validator(OpenAPI api) {
        ResponsesDef responses = OpenApiUtils.responsesDef(api);
        StringWriter json = new StringWriter();
        ResponsesDef.write(responses, json);
        return new ResponseValidator(new StringReader(json.toString()))
                .notifying(ResponseValidationHandler.FAIL_ALL);
    }

    private List<RequestCase> requestCases() {
        SystemInputDef model = TcasesOpenApi.getRequestInputModel(document, ModelOptions.builder().build());
        SystemTestDef tests = Tcases.getTests(model, null, null);
        ResolverContext context = ResolverContext.builder().random(new Random(SEED)).build();
        return RequestCases.getRequestCases(tests, context).getRequestCases();
    }

    @TestFactory
    Stream<DynamicTest> everyGeneratedRequestIsAnsweredAsTheDocumentSaysAndNeverWith5xx() {
        List<RequestCase> cases = requestCases();
        assertThat(cases).as("request cases generated from the document").hasSizeGreaterThan(100);
        return cases.stream().map(c -> DynamicTest.dynamicTest(
                c.getOperation().toUpperCase(Locale.ROOT) + " " + c.getPath() + " #" + c.getId() + " "
                        + (c.isFailure() ? "invalid " + c.getInvalidInput() : "valid"),
                () -> check(c)));
    }

    /**
     * After the generated requests: every operation answered some valid request with success, so the requests
     * reached past input validation into the use cases and their success responses were checked too.
     */
    @AfterAll
    static void everyOperationAnsweredSomeValidRequestWithSuccess() {
        if (STATUSES.isEmpty()) {
            return; // the generated requests were not run (a single test was selected)
        }
        Map<String, Integer> statuses = new TreeMap<>(STATUSES);
        System.out.println("OpenApiFuzzTest: " + statuses);
        List<String> operations = statuses.keySet().stream().map(k -> k.replaceFirst(" (in)?valid \\d+$", ""))
                .distinct().toList();
        assertThat(operations).hasSize(23).allSatisfy(operation -> assertThat(statuses.keySet())
                .as(operation).anyMatch(k -> k.matches(java.util.regex.Pattern.quote(operation) + " valid 2\\d\\d")));
    }

    @Test
    void theDocumentDescribesEveryOperationTheServiceHas() {
        assertThat(document.getPaths()).hasSize(13);
        assertThat(requestCases()).extracting(c -> c.getOperation().toLowerCase(Locale.ROOT) + " " + c.getPath())
                .contains(
                "post /api/v1/todos", "get /api/v1/todos", "get /api/v1/todos/{id}", "patch /api/v1/todos/{id}",
                "put /api/v1/todos/{id}", "delete /api/v1/todos/{id}", "get /api/v1/todos/changes",
                "post /api/v1/todos/clear-completed", "post /api/{user_id}/tasks", "get /api/{user_id}/tasks",
                "get /api/{user_id}/tasks/{id}", "put /api/{user_id}/tasks/{id}", "patch /api/{user_id}/tasks/{id}",
                "delete /api/{user_id}/tasks/{id}", "patch /api/{user_id}/tasks/{id}/complete",
                "post /api/v1/todos/{id}/move", "post /api/{user_id}/tasks/{id}/move",
                "get /api/v1/tags", "patch /api/v1/tags/{name}", "delete /api/v1/tags/{name}",
                "get /api/{user_id}/tags", "patch /api/{user_id}/tags/{name}", "delete /api/{user_id}/tags/{name}");
    }

    private void check(RequestCase c) {
        Sent sent = send(c);
        String what = (c.isFailure() ? "invalid " + c.getInvalidInput() + "\n" : "") + sent.request + "\n-> "
                + sent.status + " " + sent.body;
        String op = c.getOperation().toUpperCase(Locale.ROOT);
        STATUSES.merge(op + " " + c.getPath() + (c.isFailure() ? " invalid " : " valid ") + sent.status, 1,
                Integer::sum);
        assertThat(sent.status).as("never a server error: %s", what).isLessThan(500);
        // An empty last path parameter leaves a trailing slash: the request names the collection, and is answered
        // (and checked) as a request to it.
        String path = sent.target.split("\\?")[0].endsWith("/") && c.getPath().endsWith("/{id}")
                ? c.getPath().substring(0, c.getPath().length() - "/{id}".length()) : c.getPath();
        if (c.isFailure() && path.equals(c.getPath()) && !textOnTheWire(c)) {
            assertThat(sent.status).as("invalid input is refused: %s", what).isBetween(400, 499);
        }
        if (!c.isFailure() && path.equals(c.getPath()) && !opaqueToken(c) && !beyondTheSchema(sent)) {
            assertThat(sent.status).as("valid input is not refused: %s", what).isNotEqualTo(400).isNotEqualTo(422);
        }
        if (!document.getPaths().get(path).readOperationsMap()
                .containsKey(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(op))) {
            // The collection has no such method: 405, checked as the collection's GET documents its 405.
            assertThat(sent.status).as("a method the route does not have: %s", what).isEqualTo(405);
            op = "GET";
        }
        try {
            validator.assertBodyValid(op, path, sent.status, sent.contentType(), sent.body);
            validator.assertHeadersValid(op, path, sent.status, sent.headers);
        } catch (RuntimeException e) {
            throw new AssertionError("the response does not match the document: " + e.getMessage() + "\n" + what, e);
        }
    }

    /**
     * Whether the request carries a paging cursor or a sync token: opaque values only the service makes, so that
     * any other value, valid by the document's schema, is refused with 400 as the document says.
     */
    private static boolean opaqueToken(RequestCase c) {
        for (ParamData param : c.getParams()) {
            if (param.getLocation() == ParamDef.Location.QUERY && List.of("cursor", "since").contains(param.getName())
                    && !RequestCaseUtils.getQueryParameters(param).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a refusal names only values whose rules a schema cannot state, so that a value valid by the document may
     * still be refused: a time zone id (any IANA id, not a pattern), a due's time and time zone (together or not at
     * all), tags (unique ignoring case, not blank once trimmed), a search (a letter or a digit in any script), a
     * recurrence (a supported rule, with a due), a parent or a todo to move after (a todo of the tenant, of the
     * right list).
     */
    private static boolean beyondTheSchema(Sent sent) {
        if (sent.status != 400 && sent.status != 422) {
            return false;
        }
        com.fasterxml.jackson.databind.JsonNode errors;
        try {
            errors = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sent.body).get("field_errors");
        } catch (IOException e) {
            return false;
        }
        java.util.Set<String> fields = new java.util.HashSet<>();
        errors.forEach(e -> fields.add(e.get("field").asText().replaceAll("\\[\\d+]$", "[]")));
        return !fields.isEmpty() && java.util.Set.of("due.time", "due.time_zone", "tags[]", "name", "q", "tag",
                "time_zone", "recurrence", "parent_id", "after").containsAll(fields);
    }

    /**
     * Whether the case's only invalid input is a header, path or query parameter of a string schema (or an array of
     * strings) given a value that is "not a string" or "not an array" (a number, an array, an object, null). On the
     * wire every such value is text, and its text may well be a valid string ("-416" is a fine tenant): such a request is held to "no 5xx, answered as documented",
     * not to 4xx.
     */
    private boolean textOnTheWire(RequestCase c) {
        String invalid = c.getInvalidInput();
        if (invalid == null || !(invalid.endsWith(".Type=Not string") || invalid.endsWith(".Type=Not array")
                || invalid.endsWith("Type=null"))
                || invalid.startsWith("Body.")) {
            return false;
        }
        String name = invalid.substring(0, invalid.indexOf('.'));
        io.swagger.v3.oas.models.Operation operation = document.getPaths().get(c.getPath()).readOperationsMap()
                .get(io.swagger.v3.oas.models.PathItem.HttpMethod.valueOf(c.getOperation().toUpperCase(Locale.ROOT)));
        return operation.getParameters().stream()
                .map(p -> p.get$ref() == null ? p : document.getComponents().getParameters()
                        .get(p.get$ref().substring(p.get$ref().lastIndexOf('/') + 1)))
                .anyMatch(p -> p.getName().equals(name) && ("string".equals(p.getSchema().getType())
                        || "array".equals(p.getSchema().getType())
                        && "string".equals(p.getSchema().getItems().getType())));
    }

    /** A request as sent and the answer to it. */
    private record Sent(String target, String request, int status, Map<String, List<String>> headers, String body) {

        String contentType() {
            return headers.getOrDefault("Content-Type", List.of()).stream().findFirst().orElse(null);
        }
    }

    /** Builds the request the case describes and sends it as bytes, so that no client refuses or mends a value. */
    private Sent send(RequestCase c) {
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> pathValues = new LinkedHashMap<>();
        List<String> query = new ArrayList<>();
        Optional<String> tenant = Optional.empty();
        boolean tenantValid = false;
        for (ParamData param : c.getParams()) {
            if (param.getLocation() == ParamDef.Location.HEADER && param.getName().equals("X-User-ID")) {
                tenant = RequestCaseUtils.getHeaderParameterValue(param);
                tenantValid = param.isValid();
            }
        }
        for (ParamData param : c.getParams()) {
            switch (param.getLocation()) {
                case HEADER -> RequestCaseUtils.getHeaderParameterValue(param)
                        .ifPresent(value -> headers.put(param.getName(), value));
                case QUERY -> RequestCaseUtils.getQueryParameters(param, true)
                        .forEach(entry -> query.add(entry.getKey() + "=" + entry.getValue()));
                case PATH -> pathValues.put(param.getName(), pathValue(param, tenant, tenantValid));
                case COOKIE -> throw new IllegalStateException("the document declares no cookie: " + param);
            }
        }
        String path = c.getPath();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        if (!query.isEmpty()) {
            path += "?" + String.join("&", query);
        }
        byte[] body = null;
        MessageData message = c.getBody();
        if (message != null && message.getValue() != null) {
            body = DataValueJson.toJson(message.getValue()).getBytes(StandardCharsets.UTF_8);
            headers.put("Content-Type", message.getMediaType());
        }
        return raw(c.getOperation().toUpperCase(Locale.ROOT), path, headers, body);
    }

    /**
     * The value of a path parameter, URI-encoded as one segment. When the request has a valid tenant, a valid todo id
     * becomes the id of a todo the tenant has, a valid v2 user_id becomes the tenant, and a valid tag name is given to
     * a new todo of the tenant first (so that the tag exists).
     */
    private static String pathValue(ParamData param, Optional<String> tenant, boolean tenantValid) {
        // One path segment: Tcases leaves a / as it is, a client encodes it.
        String generated = RequestCaseUtils.getPathParameterValue(param, true).replace("/", "%2F");
        if (!param.isValid() || tenant.isEmpty() || !tenantValid) {
            return generated;
        }
        return switch (param.getName()) {
            case "id" -> API.create(tenant.get(), "{\"title\": \"fuzzed\"}").get("id").asText();
            case "user_id" -> java.net.URLEncoder.encode(tenant.get(), StandardCharsets.UTF_8).replace("+", "%20");
            case "name" -> {
                API.post("/api/v1/todos").tenant(tenant.get())
                        .json("{\"title\": \"fuzzed\", \"tags\": [" + DataValueJson.toJson(param.getValue()) + "]}")
                        .send();
                yield generated;
            }
            default -> generated;
        };
    }

    /** Sends one HTTP/1.1 request as raw bytes and reads the whole answer (the connection is closed after it). */
    private static Sent raw(String method, String target, Map<String, String> headers, byte[] body) {
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: ").append(API.base().getHost()).append(':').append(API.base().getPort()).append("\r\n")
                .append("Connection: close\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        String request = head + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
        try (Socket socket = new Socket(API.base().getHost(), API.base().getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete answer within 20 s to " + request, e);
            }
            return parse(target, request, answer.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send " + request, e);
        }
    }

    private static Sent parse(String target, String request, byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("an HTTP answer to %s: %s", request, text).isPositive();
        String[] lines = text.substring(0, end).split("\r\n");
        assertThat(lines[0]).as("status line").matches("HTTP/1\\.1 \\d{3}.*");
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(answer, end + 4, answer.length);
        if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            body = unchunk(body);
        }
        return new Sent(target, request, status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = at;
            while (chunked[lineEnd] != '\r') {
                lineEnd++;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
