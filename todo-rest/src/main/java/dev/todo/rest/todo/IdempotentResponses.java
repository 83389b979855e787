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

    /**
     * The answer as it is kept, what a replay needs to be identical: this head as one line of JSON, a newline, then
     * the body's bytes as they are (ADR 0029; changeset 0009 converted the earlier form, one JSON object whose body
     * was an array of decimal numbers, four bytes kept per byte of body).
     */
    @Serdeable
    record Head(int status, @Nullable String location, @Nullable String etag) {
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
     * Runs {@code action}, once per key if the request has one.
     *
     * @param body the request body as received, part of what a retry must repeat
     * @throws ProblemException 400 if the key is malformed or sent twice
     */
    MutableHttpResponse<?> respond(TenantId tenant, HttpRequest<?> request, @Nullable byte[] body,
                                   Supplier<MutableHttpResponse<?>> action) {
        List<String> keys = request.getHeaders().getAll(HEADER);
        if (keys.isEmpty()) {
            return action.get();
        }
        IdempotencyKey key = key(keys);
        ExecuteOnceUseCase.Outcome outcome = once.once(tenant, key, fingerprint(request, body),
                () -> encode(action.get()));
        MutableHttpResponse<?> response = decode(outcome.value());
        if (outcome.replayed()) {
            response.header(REPLAYED, "true");
        }
        return response;
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

    private byte[] encode(MutableHttpResponse<?> response) {
        try {
            byte[] body = response.getBody().isPresent() ? json.writeValueAsBytes(response.getBody().get())
                    : new byte[0];
            byte[] head = json.writeValueAsBytes(new Head(response.code(),
                    response.getHeaders().get(HttpHeaders.LOCATION), response.getHeaders().get(HttpHeaders.ETAG)));
            byte[] stored = Arrays.copyOf(head, head.length + 1 + body.length);
            stored[head.length] = NEWLINE;
            System.arraycopy(body, 0, stored, head.length + 1, body.length);
            return stored;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MutableHttpResponse<?> decode(byte[] value) {
        int end = 0;
        while (end < value.length && value[end] != NEWLINE) {
            end++;
        }
        if (end == value.length) {
            throw new IllegalStateException("a stored answer without the newline after its head");
        }
        Head stored;
        try {
            stored = json.readValue(Arrays.copyOf(value, end), Head.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] body = Arrays.copyOfRange(value, end + 1, value.length);
        MutableHttpResponse<byte[]> response = HttpResponse.<byte[]>status(HttpStatus.valueOf(stored.status()))
                .body(body).contentType(MediaType.APPLICATION_JSON_TYPE);
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.etag() != null) {
            response.header(HttpHeaders.ETAG, stored.etag());
        }
        return response;
    }
}
