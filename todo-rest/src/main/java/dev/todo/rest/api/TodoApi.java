package dev.todo.rest.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.servers.Server;

/** The OpenAPI document's header; the build generates the document from the controllers (see openapi.properties). */
@OpenAPIDefinition(info = @Info(
        title = TodoApi.TITLE,
        version = "1",
        description = "A multi-tenant Todo API. Every /api route acts for the tenant named by the X-User-ID header "
                + "and never shows or changes another tenant's todos. Errors are application/problem+json "
                + "(RFC 9457) with error_code and field_errors.",
        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0")),
        // Relative: the service that serves this document (Swagger UI's "Try it out" calls it; a generated client
        // is given the service's URL).
        servers = @Server(url = "/", description = "The service that serves this document."))
public final class TodoApi {

    /** The API's title: the document's info.title and Swagger UI's page title. */
    public static final String TITLE = "todo";

    private TodoApi() {
    }
}
