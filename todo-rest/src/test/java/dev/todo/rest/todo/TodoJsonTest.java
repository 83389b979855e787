package dev.todo.rest.todo;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.MediaType;
import io.micronaut.http.body.MessageBodyHandlerRegistry;
import io.micronaut.serde.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The hand-written JSON of a todo and of a list is, byte for byte, what Micronaut Serde writes for the records. */
class TodoJsonTest {

    /** The service's mapper, as configured (JsonWriteSettings): what every other JSON response is written with. */
    private static final ApplicationContext CONTEXT = ApplicationContext.run();
    private static final ObjectMapper SERDE = CONTEXT.getBean(ObjectMapper.class);

    @AfterAll
    static void close() {
        CONTEXT.close();
    }

    private static TodoResponse todo(String title, String description, boolean completed) {
        return new TodoResponse("3fa85f64-5717-4562-b3fc-2c963f66afa6", title, description, completed,
                "2026-01-22T10:15:30.123456Z", "2026-01-22T10:15:31.000001Z", "auth0|5f7c8ec7c33c6c004bbafe82");
    }

    private static byte[] json(TodoResponse todo) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TodoJson.write(todo, out);
        return out.toByteArray();
    }

    private static byte[] json(TodoListResponse list) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TodoJson.write(list, out);
        return out.toByteArray();
    }

    @Test
    void aTodoIsWrittenAsSerdeWritesIt() throws IOException {
        List<TodoResponse> todos = List.of(
                todo("Buy milk", null, false),
                todo("", "", true),
                todo("quotes \" and \\ backslash / slash", "tab\there\nnew line\r\f\b", false),
                todo("controls \u0000 \u0001 \u001f \u007f", "é ü ß — 買い物 \u2028 \u2029 \uFFFD", true),
                todo("emoji 😀 👋🏽 🧪", "𝄞 surrogate pairs", false),
                todo("<script>alert(1)</script> & '", "{\"json\": [1, 2]}", true));
        for (TodoResponse todo : todos) {
            assertThat(new String(json(todo), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(new String(SERDE.writeValueAsBytes(todo), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void randomTextIsWrittenAsSerdeWritesIt() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        List<TodoResponse> items = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int j = 0; j < length; j++) {
                int cp = switch (random.nextInt(4)) {
                    case 0 -> random.nextInt(0x80);
                    case 1 -> random.nextInt(0x80, 0x800);
                    case 2 -> random.nextInt(0x800, 0xD800);
                    default -> random.nextInt(0x10000, 0x110000);
                };
                text.appendCodePoint(cp);
            }
            items.add(todo(text.toString(), i % 3 == 0 ? null : text.reverse().toString(), i % 2 == 0));
        }
        for (TodoResponse todo : items) {
            assertThat(json(todo)).isEqualTo(SERDE.writeValueAsBytes(todo));
        }
        TodoListResponse list = new TodoListResponse(items, items.size());
        assertThat(json(list)).isEqualTo(SERDE.writeValueAsBytes(list));
        // Strings longer than the chunk the list is written in once escaped (2,000 characters of up to six bytes).
        List<TodoResponse> longest = List.of(todo("t".repeat(255), "\u0001".repeat(2_000), true),
                todo("😀".repeat(255), "\"".repeat(1_999) + "é", false), todo("x", null, false));
        for (TodoResponse todo : longest) {
            assertThat(json(todo)).isEqualTo(SERDE.writeValueAsBytes(todo));
        }
        TodoListResponse longList = new TodoListResponse(longest, longest.size());
        assertThat(json(longList)).isEqualTo(SERDE.writeValueAsBytes(longList));
        TodoListResponse empty = new TodoListResponse(List.of(), 0);
        assertThat(json(empty)).isEqualTo(SERDE.writeValueAsBytes(empty));
    }

    /**
     * Issue 14.3: an emoji is its four UTF-8 bytes, not two six-byte escapes ({@code \uD83D\uDE00}), in the
     * hand-written JSON and in everything Serde writes; a lone half of a pair, which has no UTF-8 form, is escaped.
     */
    @Test
    void charactersOutsideTheBasicMultilingualPlaneAreWrittenAsUtf8() throws IOException {
        TodoResponse todo = todo("😀", "😀".repeat(1_000), false);
        byte[] emoji = {(byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80};
        String written = new String(json(todo), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(written).contains("\"title\":\"😀\"").doesNotContain("\\u");
        assertThat(json(todo)).hasSize(json(todo("x", "y".repeat(1_000), false)).length + 3 + 3 * 1_000)
                .containsSubsequence(emoji);
        TodoListResponse list = new TodoListResponse(List.of(todo), 1);
        assertThat(new String(json(list), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\\u");
        byte[] page = SERDE.writeValueAsBytes(new TodoPageResponse(List.of(todo), 1, null));
        assertThat(new String(page, java.nio.charset.StandardCharsets.UTF_8)).contains("\"title\":\"😀\"")
                .doesNotContain("\\u");
        TodoResponse lone = todo("half \uD83D of a pair", "\uDE00", true);
        assertThat(new String(json(lone), java.nio.charset.StandardCharsets.UTF_8))
                .contains("half \\uD83D of a pair").contains("\"\\uDE00\"");
    }

    @Test
    void aPageAndAChangeBatchAreWrittenAsSerdeWritesThem() throws IOException {
        List<TodoResponse> items = List.of(todo("Buy \"milk\"", null, false), todo("😀", "é\n", true));
        for (TodoPageResponse page : List.of(new TodoPageResponse(items, 2, "abc_-1"),
                new TodoPageResponse(items, 2, null), new TodoPageResponse(List.of(), 0, null))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TodoJson.write(page, out);
            assertThat(out.toByteArray()).isEqualTo(SERDE.writeValueAsBytes(page));
        }
        List<ChangesResponse.Change> changes = List.of(new ChangesResponse.Change("upsert", items.get(0), null, null),
                new ChangesResponse.Change("delete", null, "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                        "2026-01-22T10:15:30.123456Z"), new ChangesResponse.Change("upsert", items.get(1), null, null));
        for (ChangesResponse batch : List.of(new ChangesResponse(changes, "t.1", true),
                new ChangesResponse(List.of(), "t.2", false))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            TodoJson.write(batch, out);
            assertThat(out.toByteArray()).isEqualTo(SERDE.writeValueAsBytes(batch));
        }
    }

    @Test
    void micronautChoosesTheseWritersForJson() {
        try (ApplicationContext context = ApplicationContext.run()) {
            MessageBodyHandlerRegistry registry = context.getBean(MessageBodyHandlerRegistry.class);
            assertThat(registry.findWriter(Argument.of(TodoResponse.class), List.of(MediaType.APPLICATION_JSON_TYPE)))
                    .containsInstanceOf(TodoJsonWriters.Todo.class);
            assertThat(registry.findWriter(Argument.of(TodoListResponse.class),
                    List.of(MediaType.APPLICATION_JSON_TYPE))).containsInstanceOf(TodoJsonWriters.TodoList.class);
        }
    }
}
