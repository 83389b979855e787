package dev.todo.app;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The OAuth 2.0 Protected Resource Metadata (RFC 9728) of the MCP endpoint, in jwt mode: what the resource is, that it
 * takes bearer tokens in the {@code Authorization} header, and, when TODO_AUTH_ISSUER is set, the authorization
 * server that issues them; at the well-known path, and at that path followed by the resource's path ({@code /mcp}),
 * where MCP clients look first. In header mode there is no token to get: 404.
 */
@Controller
@Produces(MediaType.APPLICATION_JSON)
final class ProtectedResource {

    /** The well-known path of the document. */
    static final String PATH = "/.well-known/oauth-protected-resource";
    private static final String RESOURCE_PATH = "/mcp";

    private final Settings settings;

    ProtectedResource(Settings settings) {
        this.settings = settings;
    }

    @Get(uris = {PATH, PATH + RESOURCE_PATH})
    HttpResponse<?> metadata(HttpRequest<?> request) {
        if (settings.auth() instanceof Settings.Auth.Header) {
            return HttpResponse.notFound();
        }
        Optional<String> issuer = switch (settings.auth()) {
            case Settings.Auth.Header header -> Optional.empty();
            case Settings.Auth.HmacJwt hmac -> hmac.issuer();
            case Settings.Auth.JwksJwt jwks -> jwks.issuer();
        };
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("resource", base(request) + RESOURCE_PATH);
        issuer.ifPresent(url -> document.put("authorization_servers", List.of(url)));
        document.put("bearer_methods_supported", List.of("header"));
        document.put("resource_name", "todo");
        return HttpResponse.ok(document).header(HttpHeaders.CACHE_CONTROL, "max-age=3600");
    }

    /**
     * The service's address as the client reached it: the scheme, and the {@code Host} it sent (which the host
     * allow-list has already checked when TODO_ALLOWED_HOSTS is set).
     */
    static String base(HttpRequest<?> request) {
        String host = request.getHeaders().get(HttpHeaders.HOST);
        if (host == null) {
            host = request.getServerAddress().getHostString() + ":" + request.getServerAddress().getPort();
        }
        return (request.isSecure() ? "https" : "http") + "://" + host;
    }
}
