package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Swagger UI in a real browser: headless Chromium loads the page the service serves, with the OpenAPI document, and
 * "Try it out" on {@code POST /api/v1/todos} creates a todo (201). Driven by scripts/swagger-ui-check.cjs with
 * playwright-core; {@link Browser} finds or installs Chromium, Node.js and playwright-core. The screenshot stays in
 * {@code target/browser/swagger-ui.png}.
 */
class SwaggerUiBrowserTest {

    private static final Path SCRIPT = Path.of("..", "scripts", "swagger-ui-check.cjs").toAbsolutePath().normalize();
    private static final Path SCREENSHOT = Browser.DIR.resolve("swagger-ui.png");
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @Test
    void tryItOutOnCreateTodoAnswers201AndTheTodoIsStored() throws IOException {
        Path chromium = Browser.chromium();
        String node = Browser.node();
        requireNode20(node);
        Path modules = Browser.playwrightCore();
        Api api = TestApp.api();
        String tenant = TestApp.newTenant();
        Files.deleteIfExists(SCREENSHOT);

        Browser.Result check = Browser.run(
                List.of(node, SCRIPT.toString(), api.base().toString(), SCREENSHOT.toString()), Map.of("NODE_PATH", modules.toString(), "CHROMIUM", chromium.toString(), "TENANT", tenant),
                Browser.DIR.resolve("swagger-ui-check.log"), 180);

        assertThat(check.exit()).as("swagger-ui-check.cjs failed:%n%s", check.output()).isZero();
        assertThat(check.output()).contains("Try it out created a todo (201)")
                .contains("Swagger UI groups: todos, todos (v2)");
        JsonNode items = api.list(tenant).get("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).get("title").asText()).isEqualTo("Created from Swagger UI");
        assertThat(SCREENSHOT).isRegularFile();
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertThat(png.length).as("screenshot size").isGreaterThan(10_000);
        assertThat(java.util.Arrays.copyOf(png, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    }

    /** playwright-core needs Node.js 20 or newer. */
    private static void requireNode20(String node) {
        Browser.Result version = Browser.run(List.of(node, "--version"), Map.of(), Browser.DIR.resolve("node.log"), 60);
        String text = version.output().strip();
        int major = text.matches("v\\d+\\..*") ? Integer.parseInt(text.substring(1, text.indexOf('.'))) : 0;
        assertThat(major).as("the browser test needs Node.js 20 or newer (%s), for %s; found %s", node,
                Browser.PLAYWRIGHT_CORE, text).isGreaterThanOrEqualTo(20);
    }
}
