package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.rest.api.RouteTemplates;
import io.micronaut.web.router.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The written OpenAPI document and the router agree: every route under /api is an operation of the served document,
 * and every operation of the document is a route. The second test shows the check reports a drift either way.
 */
class OpenApiRoutesTest {

    @Test
    void everyApiRouteIsAnOperationAndEveryOperationARoute() {
        Set<String> routes = routes();
        assertThat(routes).hasSize(23);
        assertThat(drift(routes, operations())).isEmpty();
    }

    @Test
    void aRouteMissingFromTheDocumentOrAnOperationWithoutRouteIsReported() {
        Set<String> routes = routes();
        Set<String> operations = new TreeSet<>(operations());
        operations.remove("DELETE /api/{user_id}/tasks/{id}");
        operations.add("POST /api/v1/todos/archive");

        assertThat(drift(routes, operations)).containsExactly(
                "route without an operation in the document: DELETE /api/{user_id}/tasks/{id}",
                "operation without a route: POST /api/v1/todos/archive");
    }

    /** What keeps the two apart: routes the document misses, then operations no route serves. */
    static List<String> drift(Set<String> routes, Set<String> operations) {
        List<String> drift = new ArrayList<>();
        routes.stream().filter(r -> !operations.contains(r))
                .forEach(r -> drift.add("route without an operation in the document: " + r));
        operations.stream().filter(o -> !routes.contains(o)).forEach(o -> drift.add("operation without a route: " + o));
        return drift;
    }

    /**
     * Method and plain path template of every route of Micronaut's router under /api, such as GET /api/v1/todos, but
     * the HEAD that Micronaut adds beside each GET ({@code @Get(headRoute = true)}): it is no operation of its own.
     */
    private static Set<String> routes() {
        Set<String> routes = TestApp.context().getBean(Router.class).uriRoutes()
                .map(r -> r.getHttpMethodName() + " " + RouteTemplates.plain(r.getUriMatchTemplate().toString()))
                .filter(r -> r.contains(" /api/"))
                .collect(Collectors.toCollection(TreeSet::new));
        routes.removeIf(r -> r.startsWith("HEAD ") && routes.contains("GET " + r.substring("HEAD ".length())));
        return routes;
    }

    /** Method and path of every operation of the served document. */
    @SuppressWarnings("unchecked")
    private static Set<String> operations() {
        Api.Response response = TestApp.api().get("/openapi.yml").send();
        assertThat(response.status()).isEqualTo(200);
        Map<String, Map<String, Object>> paths =
                (Map<String, Map<String, Object>>) new Yaml().<Map<String, Object>>load(response.body()).get("paths");
        Set<String> operations = new TreeSet<>();
        paths.forEach((path, item) -> item.keySet().forEach(
                method -> operations.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return operations;
    }
}
