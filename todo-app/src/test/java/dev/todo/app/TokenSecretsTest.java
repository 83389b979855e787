package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the key that signs cursors and sync tokens comes from. */
class TokenSecretsTest {

    @TempDir
    Path home;

    private static final String JWT = "a-jwt-secret-of-at-least-thirty-two-bytes";

    @Test
    void anExplicitSecretWins() {
        Settings settings = Settings.fromEnvironment(Map.of("TODO_TOKEN_SECRET", "x".repeat(40),
                "TODO_AUTH_MODE", "jwt", "TODO_AUTH_JWT_SECRET", JWT));
        assertThat(TokenSecrets.resolve(settings)).isEqualTo("x".repeat(40).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJwtSecretGivesEveryReplicaTheSameKeyButNotTheJwtSecretItself() {
        Map<String, String> env = Map.of("TODO_AUTH_MODE", "jwt", "TODO_AUTH_JWT_SECRET", JWT);
        byte[] one = TokenSecrets.resolve(Settings.fromEnvironment(env));
        byte[] two = TokenSecrets.resolve(Settings.fromEnvironment(env));
        assertThat(one).isEqualTo(two).hasSize(32).isNotEqualTo(JWT.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theEmbeddedDatabaseKeepsItsKeyBesideItsDataAcrossRestarts() throws Exception {
        Settings a = Settings.fromEnvironment(Map.of("TODO_DATA_DIR", home.resolve("a").toString()));
        Settings b = Settings.fromEnvironment(Map.of("TODO_DATA_DIR", home.resolve("b").toString()));
        byte[] first = TokenSecrets.resolve(a);
        assertThat(TokenSecrets.resolve(a)).isEqualTo(first);
        assertThat(TokenSecrets.resolve(b)).isNotEqualTo(first);
        Path file = home.resolve("a.token-secret");
        assertThat(file).exists();
        assertThat(Files.readAllBytes(file)).isEqualTo(first);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }

    @Test
    void otherwiseEachProcessHasItsOwn() {
        Settings external = new Settings(Optional.of(DatabaseUrl.parse("postgresql://u@h/db")), home,
                Optional.empty(), Settings.Auth.header(), java.util.List.of());
        assertThat(TokenSecrets.resolve(external)).hasSize(32).isNotEqualTo(TokenSecrets.resolve(external));
    }
}
