package dev.todo.rest.tenant;

import dev.todo.domain.model.TenantId;
import dev.todo.rest.error.ProblemException;
import io.micronaut.http.HttpRequest;

/**
 * Tells which tenant a request acts for. It runs before anything else of the request is looked at, the body
 * included.
 */
public interface TenantResolver {

    /** The request attribute under which the resolved tenant is kept, for the request log. */
    String ATTRIBUTE = "todo.tenant";

    /**
     * @param request the request
     * @return the tenant
     * @throws ProblemException when the request names no tenant, or names one wrongly
     */
    TenantId resolve(HttpRequest<?> request);
}
