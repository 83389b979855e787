package dev.todo.rest.tenant;

import dev.todo.domain.model.TenantId;
import dev.todo.domain.model.ValidationException;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.util.List;

/**
 * header mode: the tenant is the {@code X-User-ID} header, trusted as sent (for local use, or behind a gateway that
 * authenticates and sets it; docs/security.md).
 */
public final class HeaderTenantResolver implements TenantResolver {

    /** The header that names the tenant. */
    public static final String HEADER = "X-User-ID";

    @Override
    public TenantId resolve(HttpRequest<?> request) {
        List<String> values = request.getHeaders().getAll(HEADER);
        if (values.isEmpty() || (values.size() == 1 && values.get(0).isEmpty())) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ErrorCode.MISSING_USER_CONTEXT,
                    "The " + HEADER + " header is required.", List.of());
        }
        if (values.size() > 1) {
            throw ProblemException.badRequest("The " + HEADER + " header is invalid.", HEADER,
                    "must be sent once");
        }
        try {
            return TenantId.of(values.get(0));
        } catch (ValidationException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, ErrorCode.VALIDATION_ERROR,
                    "The " + HEADER + " header is invalid.",
                    e.violations().stream().map(v -> new FieldError(HEADER, v.message())).toList());
        }
    }
}
