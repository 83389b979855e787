package dev.todo.rest.todo;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The query string of the change feed: {@code since} (a token from a previous answer; none to start from the
 * beginning) and {@code limit} (1–500, default 100). The token is opaque and bound to the tenant: a forged, altered
 * or foreign one is 400, like anything else out of place.
 */
final class SyncParameters {

    static final String SINCE = "since";
    static final String LIMIT = "limit";
    static final int DEFAULT_LIMIT = 100;
    private static final Set<String> KNOWN = Set.of(SINCE, LIMIT);

    record Parsed(OptionalLong since, int limit) {
    }

    private SyncParameters() {
    }

    static Parsed parse(HttpRequest<?> request, TenantId tenant, Cursors cursors) {
        var parameters = request.getParameters();
        List<FieldError> errors = QueryParameters.unknownOrRepeated(parameters, KNOWN);
        int limit = DEFAULT_LIMIT;
        Optional<String> limitText = parameters.getFirst(LIMIT);
        if (limitText.isPresent()) {
            OptionalInt given = QueryParameters.wholeNumber(limitText.get(), 1, 500);
            if (given.isPresent()) {
                limit = given.getAsInt();
            } else {
                errors.add(new FieldError(LIMIT, "must be a whole number from 1 to 500"));
            }
        }
        OptionalLong since = OptionalLong.empty();
        Optional<String> token = parameters.getFirst(SINCE);
        if (token.isPresent()) {
            Optional<Long> position = cursors.open(token.get(), binding(tenant)).flatMap(SyncParameters::number);
            if (position.isEmpty()) {
                errors.add(new FieldError(SINCE, "is not a sync token of this tenant (it may be altered or made up)"));
            } else {
                since = OptionalLong.of(position.get());
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR,
                    "The query string is invalid.", errors);
        }
        return new Parsed(since, limit);
    }

    static String token(Cursors cursors, TenantId tenant, long position) {
        return cursors.seal(Long.toString(position), binding(tenant));
    }

    private static String binding(TenantId tenant) {
        return "sync\n" + tenant.value();
    }

    private static Optional<Long> number(String text) {
        try {
            long value = Long.parseLong(text);
            return value >= 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
