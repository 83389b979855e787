package dev.todo.domain.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "a",
        "123e4567-e89b-12d3-a456-426614174000",
        "auth0|5f7c8ec7c33c6c004bbafe82",
        "google-oauth2|104567890123456789012",
        "alice@example.com",
        "urn:tenant:acme.corp_01",
        "A-Za-z0-9._:@|-"
    })
    void acceptsOpaqueIdsOfTheAllowedCharacters(String raw) {
        assertThat(TenantId.of(raw).value()).isEqualTo(raw);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 127, 128})
    void acceptsUpTo128Characters(int length) {
        assertThat(TenantId.of("x".repeat(length)).value()).hasSize(length);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void rejectsAMissingId(String raw) {
        assertThatThrownBy(() -> TenantId.of(raw))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("tenant_id", "is required")));
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 1000})
    void rejectsMoreThan128Characters(int length) {
        assertThatThrownBy(() -> TenantId.of("x".repeat(length)))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .containsExactly(new Violation("tenant_id", "must be at most 128 characters")));
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", "alice bob", "a/b", "a\nb", "a\u0000b", "ä", "a,b", "a;b", "'", "\"", "%41", "a\tb",
        "a+b", "𝒜"})
    void rejectsCharactersOutsideTheAllowedSet(String raw) {
        assertThatThrownBy(() -> TenantId.of(raw))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("tenant_id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "auth0|x"})
    void isAValue(String raw) {
        assertThat(TenantId.of(raw)).isEqualTo(TenantId.of(raw)).hasSameHashCodeAs(TenantId.of(raw));
        assertThat(TenantId.of(raw)).isNotEqualTo(TenantId.of(raw + "2"));
        assertThat(TenantId.of(raw)).hasToString(raw);
    }
}
