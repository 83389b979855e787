package dev.todo.app;

import dev.todo.rest.tenant.DevelopmentTokens;
import dev.todo.rest.tenant.JwtVerifier;
import io.micronaut.core.annotation.Nullable;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * {@code todo token --sub alice [--ttl 1h]}: an HS256 token signed with TODO_AUTH_JWT_SECRET (and TODO_AUTH_ISSUER,
 * TODO_AUTH_AUDIENCE), for trying jwt mode; a ttl past TODO_AUTH_MAX_TOKEN_LIFETIME is refused.
 */
final class DevelopmentTokenCommand {

    static final String NAME = "token";
    private static final String USAGE = "usage: java -jar todo.jar token --sub <tenant id> [--ttl 30s|15m|1h|1d]";

    private DevelopmentTokenCommand() {
    }

    /** Prints the token and answers 0, or says what is wrong and answers 2. */
    static int run(String[] args, Map<String, String> env, Clock clock, PrintStream out, PrintStream err) {
        String subject = null;
        Duration ttl = Duration.ofHours(1);
        for (int i = 1; i < args.length; i += 2) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--sub" -> subject = value;
                case "--ttl" -> ttl = value == null ? null : Settings.parseDuration(value).orElse(null);
                default -> {
                    err.println(USAGE);
                    return 2;
                }
            }
        }
        if (subject == null || ttl == null) {
            err.println(USAGE);
            return 2;
        }
        String secret = env.get("TODO_AUTH_JWT_SECRET");
        if (secret == null || secret.isEmpty()) {
            err.println("token: set TODO_AUTH_JWT_SECRET to the service's secret (at least "
                    + JwtVerifier.MIN_SECRET_BYTES + " bytes)");
            return 2;
        }
        Duration max;
        try {
            max = Settings.maxTokenLifetime(env);
        } catch (StartupException e) {
            err.println("token: " + e.getMessage());
            return 2;
        }
        if (ttl.compareTo(max) > 0) {
            // The service would refuse it: say so now rather than at the first request.
            err.println("token: --ttl " + ttl + " is longer than the service accepts (" + max
                    + ", TODO_AUTH_MAX_TOKEN_LIFETIME)");
            return 2;
        }
        try {
            out.println(DevelopmentTokens.issueHmac(secret.getBytes(StandardCharsets.UTF_8), subject, ttl,
                    nonEmpty(env.get("TODO_AUTH_ISSUER")), nonEmpty(env.get("TODO_AUTH_AUDIENCE")), clock));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("token: " + e.getMessage());
            return 2;
        }
    }

    private static Optional<String> nonEmpty(@Nullable String value) {
        return Optional.ofNullable(value).map(String::strip).filter(v -> !v.isEmpty());
    }
}
