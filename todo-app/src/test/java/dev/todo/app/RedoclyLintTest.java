package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document passes Redocly's {@code recommended} ruleset with no error and no warning: the document the
 * service serves (the build's META-INF/swagger/openapi.yml) is linted by {@code @redocly/cli}, installed from the npm
 * registry into {@code target/redocly} as {@link Browser} installs playwright-core. Without npm (and no apt-get to
 * install it) the test fails; it never skips.
 */
class RedoclyLintTest {

    /** The Redocly CLI release the test lints with. */
    static final String REDOCLY_CLI = "@redocly/cli@2.77.0";
    private static final Path DIR = Path.of("target", "redocly").toAbsolutePath();

    @Test
    void theDocumentPassesTheRecommendedRulesetWithoutErrorsOrWarnings() throws IOException {
        Path modules = Browser.npmPackage(REDOCLY_CLI, DIR);
        Path document = DIR.resolve("openapi.yml");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("META-INF/swagger/openapi.yml")) {
            assertThat(in).as("the build's OpenAPI document").isNotNull();
            Files.write(document, in.readAllBytes());
        }
        Path config = DIR.resolve("redocly.yaml");
        Files.writeString(config, "extends:\n  - recommended\n");

        Browser.Result lint = Browser.run(
                List.of(Browser.node(), modules.resolve("@redocly/cli/bin/cli.js").toString(), "lint",
                        "--config", config.toString(), document.toString()),
                Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"),
                DIR.resolve("lint.log"), 300);

        assertThat(lint.exit()).as("redocly lint found errors:%n%s", lint.output()).isZero();
        assertThat(lint.output()).as("redocly lint found warnings:%n%s", lint.output())
                .doesNotContainIgnoringCase("warning was generated")
                .containsIgnoringCase("valid");
    }
}
