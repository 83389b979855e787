package dev.todo.rest.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Serves the OpenAPI document, written in src/main/openapi/openapi.yml and copied by the build, and Swagger UI's page
 * on it (its scripts and styles are static resources under /swagger-ui/res/). Both are read once.
 */
@Controller
final class OpenApiController {

    /** Where the build puts the document (see openapi.properties). */
    static final String DOCUMENT = "META-INF/swagger/openapi.yml";
    /** Where the build writes Swagger UI's page. */
    static final String SWAGGER_UI = "META-INF/swagger/views/swagger-ui/index.html";
    static final String YAML = "application/yaml";
    /** The API's title, as in the document's info.title. */
    static final String TITLE = "todo";
    private static final Pattern TITLE_ELEMENT = Pattern.compile("<title>[^<]*</title>");

    private final byte[] document = resource(DOCUMENT);
    private final byte[] swaggerUi = titled(resource(SWAGGER_UI));

    @Get("/openapi.yml")
    @Produces(YAML)
    MutableHttpResponse<byte[]> openApi() {
        return HttpResponse.ok(document).contentType(YAML);
    }

    @Get("/swagger-ui")
    @Produces(MediaType.TEXT_HTML)
    MutableHttpResponse<byte[]> swaggerUi() {
        return HttpResponse.ok(swaggerUi).contentType(MediaType.TEXT_HTML_TYPE);
    }

    /**
     * Swagger UI's page with the API's title: micronaut-openapi writes {@code <title>todo-1</title>} (title and
     * version), which is not how anyone names the API.
     */
    private static byte[] titled(byte[] page) {
        String html = new String(page, StandardCharsets.UTF_8);
        return TITLE_ELEMENT.matcher(html).replaceFirst("<title>" + TITLE + "</title>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing: the build did not write it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
