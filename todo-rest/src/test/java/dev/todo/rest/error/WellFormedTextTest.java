package dev.todo.rest.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Problems echo text of the request (member names), which may hold a lone surrogate; the JSON writer writes
 * characters outside the Basic Multilingual Plane as UTF-8 (ADR 0028) and would join a lone high surrogate with the
 * character after it, so such text is made well-formed first.
 */
class WellFormedTextTest {

    @Test
    void loneSurrogatesInAProblemBecomeReplacementCharacters() throws IOException {
        try (ApplicationContext context = ApplicationContext.run()) {
            ObjectMapper json = context.getBean(ObjectMapper.class);
            Problem problem = new Problem("/problems/validation-error", "Validation failed", 422,
                    "bad \uD83D\"member", "VALIDATION_ERROR",
                    List.of(new FieldError("a\uD83D\"b", "is not a known member \uDE00"),
                            new FieldError("😀", "fine")));
            String written = new String(json.writeValueAsBytes(problem), StandardCharsets.UTF_8);
            assertThat(written).contains("\"detail\":\"bad \uFFFD\\\"member\"")
                    .contains("{\"field\":\"a\uFFFD\\\"b\",\"message\":\"is not a known member \uFFFD\"}")
                    .contains("{\"field\":\"😀\",\"message\":\"fine\"}");
        }
    }

    @Test
    void wellFormedTextIsKeptAsItIs() {
        String text = "plain é 買 😀";
        assertThat(FieldError.wellFormed(text)).isSameAs(text);
        assertThat(FieldError.wellFormed("\uDE00\uD83D")).isEqualTo("\uFFFD\uFFFD");
        assertThat(FieldError.wellFormed("x\uD83D")).isEqualTo("x\uFFFD");
    }
}
