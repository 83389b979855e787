package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** application.yml as a whole: a key written twice would silently drop one of the blocks (Micronaut only warns). */
class ApplicationYamlTest {

    @Test
    void noKeyIsWrittenTwiceAndTheLimitsAreWhereTheCodeReadsThem() throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (InputStream in = ApplicationYamlTest.class.getClassLoader().getResourceAsStream("application.yml")) {
            Map<String, Object> yaml = new Yaml(options).load(in);
            assertThat(yaml).extractingByKey("todo").asString()
                    .contains("request-read-timeout", "max-connections=10000", "statement-timeout",
                            "idle-in-transaction-timeout");
        }
    }
}
