package dev.todo.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The jar's token command, run in process. */
class DevelopmentTokenCommandTest {

    private static final String SECRET = "a-development-secret-of-32-bytes!";

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = DevelopmentTokenCommand.run(args, env, Clock.systemUTC(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Issue 14: a token the service would refuse for its lifetime is refused at once, naming the limit. */
    @Test
    void aTimeToLivePastTheLongestLifetimeTheServiceAcceptsIsRefused() throws Exception {
        Run tooLong = run(Map.of("TODO_AUTH_JWT_SECRET", SECRET), "token", "--sub", "alice", "--ttl", "2d");
        assertThat(tooLong.status()).isEqualTo(2);
        assertThat(tooLong.out()).isEmpty();
        assertThat(tooLong.err()).contains("TODO_AUTH_MAX_TOKEN_LIFETIME").doesNotContain(SECRET);

        Run day = run(Map.of("TODO_AUTH_JWT_SECRET", SECRET), "token", "--sub", "alice", "--ttl", "24h");
        assertThat(day.status()).as(day.err()).isZero();

        Run week = run(Map.of("TODO_AUTH_JWT_SECRET", SECRET, "TODO_AUTH_MAX_TOKEN_LIFETIME", "7d"),
                "token", "--sub", "alice", "--ttl", "7d");
        assertThat(week.status()).as(week.err()).isZero();
        var claims = SignedJWT.parse(week.out().strip()).getJWTClaimsSet();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofDays(7));

        Run bad = run(Map.of("TODO_AUTH_JWT_SECRET", SECRET, "TODO_AUTH_MAX_TOKEN_LIFETIME", "forever"),
                "token", "--sub", "alice");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err()).contains("TODO_AUTH_MAX_TOKEN_LIFETIME");
    }
}
