package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The requests of examples/: todo.sh (bash and curl) runs every route against the service and gets the answers it
 * expects, and todo.http (VS Code REST Client, IntelliJ HTTP Client) has a request for every operation of the OpenAPI
 * document.
 */
class ExamplesTest {

    private static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();
    private static final Pattern REQUEST_LINE =
            Pattern.compile("^(GET|POST|PUT|PATCH|DELETE) \\{\\{base}}(/[^?\\s]*)", Pattern.MULTILINE);

    @Test
    void theScriptRunsEveryRouteAgainstTheService() {
        Api api = TestApp.api();
        String tenant = TestApp.newTenant();

        Browser.Result run = Browser.run(List.of("bash", EXAMPLES.resolve("todo.sh").toString()),
                Map.of("TODO_URL", api.base().toString(), "TODO_USER", tenant),
                Path.of("target", "examples", "todo.sh.log").toAbsolutePath(), 120);

        assertThat(run.exit()).as("examples/todo.sh failed:%n%s", run.output()).isZero();
        assertThat(run.output()).contains("todo.sh: all 25 requests answered as expected")
                .contains("PATCH /api/" + tenant + "/tasks/");
        // Its todos are all gone again: cleared, deleted.
        assertThat(api.list(tenant).get("count").asInt()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theHttpFileHasARequestForEveryOperationOfTheDocument() throws IOException {
        Map<String, Object> document;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/swagger/openapi.yml")) {
            assertThat(in).as("the build's OpenAPI document").isNotNull();
            document = new Yaml().load(in);
        }
        String http = Files.readString(EXAMPLES.resolve("todo.http"));
        List<String> requests = new ArrayList<>();
        Matcher line = REQUEST_LINE.matcher(http);
        while (line.find()) {
            requests.add(line.group(1) + " " + line.group(2));
        }

        Set<String> missing = new TreeSet<>();
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        paths.forEach((path, operations) -> ((Map<String, Object>) operations).keySet().forEach(method -> {
            // A path template's {parameters} match any one {{variable}} or segment of a request line.
            Pattern request = Pattern.compile(method.toUpperCase(java.util.Locale.ROOT) + " "
                    + Pattern.quote(path).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q"));
            if (requests.stream().noneMatch(r -> request.matcher(r).matches())) {
                missing.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
        }));
        assertThat(paths).hasSizeGreaterThanOrEqualTo(7);
        assertThat(missing).as("operations of the OpenAPI document without a request in examples/todo.http").isEmpty();
    }
}
