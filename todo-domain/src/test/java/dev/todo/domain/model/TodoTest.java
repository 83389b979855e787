package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TodoTest {

    private static final TenantId ALICE = TenantId.of("alice");
    private static final Instant T0 = Instant.parse("2026-01-22T10:15:30.123456789Z");
    private static final Instant T1 = Instant.parse("2026-01-22T10:16:00.000001Z");

    private static Todo fresh() {
        return Todo.create(TodoId.random(), ALICE, Title.of("Buy milk"), Description.ofNullable("2 l"), T0);
    }

    @Test
    void aNewTodoIsOpenAtTheFirstVersionWithMicrosecondTimestamps() {
        Todo todo = fresh();
        assertThat(todo.completed()).isFalse();
        assertThat(todo.version()).isEqualTo(Todo.FIRST_VERSION);
        assertThat(todo.createdAt()).isEqualTo(Instant.parse("2026-01-22T10:15:30.123456Z"));
        assertThat(todo.updatedAt()).isEqualTo(todo.createdAt());
        assertThat(todo.owner()).isEqualTo(ALICE);
        assertThat(todo.isOwnedBy(ALICE)).isTrue();
        assertThat(todo.isOwnedBy(TenantId.of("bob"))).isFalse();
        assertThat(todo.description()).contains(new Description("2 l"));
    }

    @Test
    void emptyChangesChangeNothing() {
        Todo todo = fresh();
        assertThat(todo.apply(TodoChanges.none(), T1)).isSameAs(todo);
    }

    @Test
    void aChangeMovesUpdatedAtAndTheVersionButNeverCreatedAt() {
        Todo todo = fresh();
        Todo changed = todo.apply(TodoChanges.none().title(Title.of("Buy oat milk")), T1);
        assertThat(changed.title()).isEqualTo(Title.of("Buy oat milk"));
        assertThat(changed.description()).isEqualTo(todo.description());
        assertThat(changed.completed()).isFalse();
        assertThat(changed.createdAt()).isEqualTo(todo.createdAt());
        assertThat(changed.updatedAt()).isEqualTo(T1);
        assertThat(changed.version()).isEqualTo(todo.version() + 1);
        assertThat(changed.id()).isEqualTo(todo.id());
    }

    @Test
    void settingTheSameValueStillCountsAsAChange() {
        Todo todo = fresh();
        Todo changed = todo.apply(TodoChanges.none().title(todo.title()), T1);
        assertThat(changed.version()).isEqualTo(2);
        assertThat(changed.updatedAt()).isAfter(todo.updatedAt());
    }

    @Test
    void updatedAtMovesStrictlyForwardEvenWhenTheClockDoesNot() {
        Todo todo = fresh();
        Todo sameInstant = todo.apply(TodoChanges.none().completed(true), T0);
        assertThat(sameInstant.updatedAt()).isEqualTo(todo.updatedAt().plusNanos(1000));
        Todo clockWentBack = sameInstant.apply(TodoChanges.none().completed(false), T0.minusSeconds(60));
        assertThat(clockWentBack.updatedAt()).isEqualTo(sameInstant.updatedAt().plusNanos(1000));
    }

    @Test
    void theDescriptionCanBeSetClearedOrLeftAlone() {
        Todo todo = fresh();
        assertThat(todo.apply(TodoChanges.none().clearDescription(), T1).description()).isEmpty();
        assertThat(todo.apply(TodoChanges.none().description(new Description("")), T1).description())
                .contains(new Description(""));
        assertThat(todo.apply(TodoChanges.none().completed(true), T1).description()).isEqualTo(todo.description());
    }

    @Test
    void completionCanBeSetAndUnset() {
        Todo done = fresh().apply(TodoChanges.none().completed(true), T1);
        assertThat(done.completed()).isTrue();
        assertThat(done.apply(TodoChanges.none().completed(false), T1).completed()).isFalse();
    }

    @Test
    void restoreRebuildsAnEqualTodo() {
        Todo todo = fresh().apply(TodoChanges.none().completed(true), T1);
        Todo restored = Todo.restore(todo.id(), todo.owner(), todo.title(), todo.description().orElse(null),
                todo.completed(), todo.createdAt(), todo.updatedAt(), todo.version());
        assertThat(restored).isEqualTo(todo).hasSameHashCodeAs(todo);
    }

    @Test
    void restoreRefusesBrokenState() {
        Todo t = fresh();
        assertThatThrownBy(() -> Todo.restore(t.id(), ALICE, t.title(), null, false, T1, T0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before createdAt");
        assertThatThrownBy(() -> Todo.restore(t.id(), ALICE, t.title(), null, false, T0, T0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        assertThatThrownBy(() -> Todo.restore(t.id(), null, t.title(), null, false, T0, T0, 1))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void changesKnowWhetherTheyAreEmpty() {
        assertThat(TodoChanges.none().isEmpty()).isTrue();
        assertThat(TodoChanges.none().clearDescription().isEmpty()).isFalse();
        assertThat(TodoChanges.none().completed(false).isEmpty()).isFalse();
        assertThat(TodoChanges.none().title(Title.of("x")).isEmpty()).isFalse();
        assertThat(TodoChanges.none().clearDescription()).isEqualTo(TodoChanges.none().description(null));
        assertThat(TodoChanges.none().clearDescription()).isNotEqualTo(TodoChanges.none());
    }
}
