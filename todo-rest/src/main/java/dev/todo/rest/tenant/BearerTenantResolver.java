package dev.todo.rest.tenant;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jwt mode: the tenant is the {@code sub} of the request's bearer token (RFC 6750), checked by a {@link JwtVerifier}.
 * A request without a valid token is 401 with {@code WWW-Authenticate}; {@code X-User-ID} is not trusted on its own,
 * and when it comes with a token it must name the token's subject (otherwise 403). Neither the token nor any part of
 * it is ever written to a log or a response.
 */
public final class BearerTenantResolver implements TenantResolver {

    private static final Logger LOG = LoggerFactory.getLogger(BearerTenantResolver.class);
    private static final String REALM = "Bearer realm=\"todo\"";
    private static final String SCHEME = "Bearer ";

    private final JwtVerifier verifier;

    /** Checks tokens with {@code verifier}. */
    public BearerTenantResolver(JwtVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public TenantId resolve(HttpRequest<?> request) {
        List<String> authorization = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        List<String> claimed = request.getHeaders().getAll(HeaderTenantResolver.HEADER);
        if (authorization.isEmpty() || !authorization.get(0).regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            // RFC 6750 3.1: no error attribute when the request carries no bearer token at all.
            throw unauthenticated(REALM, claimed.isEmpty() ? "A bearer token is required."
                    : "A bearer token is required; X-User-ID alone is not trusted.");
        }
        if (authorization.size() > 1) {
            throw unauthenticated(REALM + ", error=\"invalid_request\", error_description=\"Send one Authorization "
                    + "header.\"", "Send one Authorization header.");
        }
        TenantId tenant;
        try {
            tenant = verifier.tenantOf(authorization.get(0).substring(SCHEME.length()).strip());
        } catch (InvalidTokenException e) {
            throw unauthenticated(REALM + ", error=\"invalid_token\", error_description=\"" + e.description() + "\"",
                    e.description() + ".");
        } catch (KeysUnavailableException e) {
            LOG.warn("Cannot check bearer tokens: {}", e.getCause() == null ? e.getMessage() : e.getCause().toString());
            throw new ProblemException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.SERVICE_UNAVAILABLE, e.description(),
                    List.of());
        }
        for (String value : claimed) {
            // An empty X-User-ID names nobody, as in header mode (forms such as Swagger UI's send it empty).
            if (!value.isEmpty() && !value.equals(tenant.value())) {
                throw new ProblemException(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
                        "X-User-ID does not name the token's subject.",
                        List.of(new FieldError(HeaderTenantResolver.HEADER, "must equal the bearer token's sub")));
            }
        }
        return tenant;
    }

    private static ProblemException unauthenticated(String challenge, String detail) {
        return new ProblemException(HttpStatus.UNAUTHORIZED, ErrorCode.UNAUTHENTICATED, detail, List.of(),
                Map.of(HttpHeaders.WWW_AUTHENTICATE, challenge));
    }
}
