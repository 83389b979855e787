package dev.todo.rest.todo;

import dev.todo.domain.model.IdempotencyKey;
import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.ValidationException;
import dev.todo.domain.port.in.ExecuteOnceUseCase;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Safe retries of POST routes (IETF Idempotency-Key draft): with an {@code Idempotency-Key} header the answer is
 * recorded with the write, and a retry with the same key and the same request gets the same status, headers
 * (Location, ETag) and body, marked {@code Idempotent-Replayed: true}, without doing anything again.
 */
@Singleton
final class IdempotentResponses {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";

    /** How an answer is kept: this head as one line of JSON, a newline, then the body's bytes (ADR 0029). */
    @Serdeable
    record Head(int status, @Nullable String location, @Nullable String etag, @Nullable String link) {
    }

    /** Ends the head: compact JSON has no raw newline, so the first one is the end of the head. */
    private static final byte NEWLINE = '\n';

    private final ExecuteOnceUseCase once;
    private final JsonMapper json;

    IdempotentResponses(ExecuteOnceUseCase once, JsonMapper json) {
        this.once = once;
        this.json = json;
    }

    /**
     * The answer to a POST as it is sent and as it is kept: status, Location, ETag, Link and the body's JSON bytes.
     */
    record Answer(int status, @Nullable String location, @Nullable String etag, @Nullable String link, byte[] body) {

        static Answer created(String location, String etag, byte[] body) {
            return new Answer(HttpStatus.CREATED.getCode(), location, etag, null, body);
        }

        /** 200 with a todo's JSON, its ETag and, when it has one, its Link. */
        static Answer ok(String etag, @Nullable String link, byte[] body) {
            return new Answer(HttpStatus.OK.getCode(), null, etag, link, body);
        }
    }

    /** An answer of {@code status} with {@code body} as JSON. */
    Answer answer(HttpStatus status, Object body) {
        return new Answer(status.getCode(), null, null, null, bytes(body));
    }

    /**
     * Runs {@code action} and answers with what it returns; with an Idempotency-Key, once per key, a retry getting
     * the stored answer. {@code body} is the request body as received, which a retry must repeat.
     *
     * @throws ProblemException 400 if the key is malformed or sent twice
     */
    MutableHttpResponse<byte[]> respond(TenantId tenant, HttpRequest<?> request, @Nullable byte[] body,
                                        Supplier<Answer> action) {
        List<String> keys = request.getHeaders().getAll(HEADER);
        if (keys.isEmpty()) {
            return response(action.get());
        }
        Answer[] sent = new Answer[1];
        ExecuteOnceUseCase.Outcome outcome = once.once(tenant, key(keys), fingerprint(request, body), () -> {
            sent[0] = action.get();
            return encode(sent[0]);
        });
        if (outcome.replayed()) {
            return response(decode(outcome.value())).header(REPLAYED, "true");
        }
        // A first call sends the answer it kept, as it is.
        return response(sent[0] != null ? sent[0] : decode(outcome.value()));
    }

    private static IdempotencyKey key(List<String> values) {
        if (values.size() > 1) {
            throw ProblemException.badRequest("The Idempotency-Key header is invalid.", HEADER, "must be sent once");
        }
        String value = values.get(0).strip();
        // The draft makes the key a structured-field string ("…"); a bare token is accepted too.
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            return new IdempotencyKey(value);
        } catch (ValidationException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, dev.todo.rest.error.ErrorCode.VALIDATION_ERROR,
                    "The Idempotency-Key header is invalid.",
                    e.violations().stream().map(v -> new FieldError(HEADER, v.message())).toList());
        }
    }

    /** The method, the path and the body: a retry must repeat all three. */
    private static String fingerprint(HttpRequest<?> request, @Nullable byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update((request.getMethodName() + " " + request.getPath() + "\n").getBytes(StandardCharsets.UTF_8));
            if (body != null) {
                sha256.update(body);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private byte[] encode(Answer answer) {
        byte[] head = bytes(new Head(answer.status(), answer.location(), answer.etag(), answer.link()));
        byte[] stored = Arrays.copyOf(head, head.length + 1 + answer.body().length);
        stored[head.length] = NEWLINE;
        System.arraycopy(answer.body(), 0, stored, head.length + 1, answer.body().length);
        return stored;
    }

    private Answer decode(byte[] value) {
        int end = 0;
        while (end < value.length && value[end] != NEWLINE) {
            end++;
        }
        if (end == value.length) {
            throw new IllegalStateException("a stored answer without the newline after its head");
        }
        Head head;
        try {
            head = json.readValue(Arrays.copyOf(value, end), Head.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Answer(head.status(), head.location(), head.etag(), head.link(),
                Arrays.copyOfRange(value, end + 1, value.length));
    }

    private byte[] bytes(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MutableHttpResponse<byte[]> response(Answer answer) {
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(answer.status()))
                .body(answer.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (answer.location() != null) {
            response.header(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.etag() != null) {
            response.header(HttpHeaders.ETAG, answer.etag());
        }
        if (answer.link() != null) {
            response.header(HttpHeaders.LINK, answer.link());
        }
        return response;
    }
}
