package dev.todo.rest.tenant;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.error.ErrorCode;
import dev.todo.rest.error.FieldError;
import dev.todo.rest.error.ProblemException;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import java.util.List;
import java.util.Optional;

/**
 * Tells which tenant a request acts for, and binds it to a route's {@link TenantId} argument: once per request, after
 * the filters and before the body is looked at. On a route with a {@code {user_id}} the path must name that tenant
 * (else 403).
 */
public interface TenantResolver extends TypedRequestArgumentBinder<TenantId>,
        PostponedRequestArgumentBinder<TenantId> {

    /** The request attribute under which the resolved tenant is kept, for the request log. */
    String ATTRIBUTE = "todo.tenant";

    /** The path variable of the v2 routes that names the tenant. */
    String USER_ID = "user_id";

    /**
     * The request's tenant.
     *
     * @throws ProblemException when the request names no tenant, or names one wrongly
     */
    TenantId resolve(HttpRequest<?> request);

    @Override
    default Argument<TenantId> argumentType() {
        return Argument.of(TenantId.class);
    }

    @Override
    default BindingResult<TenantId> bind(ArgumentConversionContext<TenantId> context, HttpRequest<?> request) {
        TenantId tenant = resolve(request);
        request.setAttribute(ATTRIBUTE, tenant);
        Object named = BasicHttpAttributes.getRouteMatchInfo(request)
                .map(route -> route.getVariableValues().get(USER_ID)).orElse(null);
        if (named != null && !tenant.value().equals(named.toString())) {
            throw new ProblemException(HttpStatus.FORBIDDEN, ErrorCode.FORBIDDEN,
                    "The user_id in the path is not the request's tenant.",
                    List.of(new FieldError(USER_ID, "must be the request's tenant")));
        }
        return () -> Optional.of(tenant);
    }
}
