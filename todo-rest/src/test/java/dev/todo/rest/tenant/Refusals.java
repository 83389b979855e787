package dev.todo.rest.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import dev.todo.domain.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs a token that must be refused and checks that what the refusal says is safe: neither the token, nor any of
 * its parts, nor a secret shows in the message, the description or {@code toString}, and no cause is attached
 * whose message could.
 */
final class Refusals {

    private Refusals() {
    }

    /** @return the description of the refusal */
    static String refusal(JwtVerifier verifier, String token, byte[]... secrets) throws KeysUnavailableException {
        InvalidTokenException refusal;
        try {
            TenantId tenant = verifier.tenantOf(token);
            throw new AssertionError("The token was accepted, for tenant " + tenant);
        } catch (InvalidTokenException e) {
            refusal = e;
        }
        assertThat(refusal.getCause()).as("cause").isNull();
        assertThat(refusal.getMessage()).isEqualTo(refusal.description());
        for (String text : List.of(refusal.description(), refusal.toString())) {
            assertContainsNone(text, token, secrets);
        }
        return refusal.description();
    }

    /** Fails if the text contains the token, one of its parts, or a secret in any usual encoding. */
    static void assertContainsNone(String text, String token, byte[]... secrets) {
        List<String> forbidden = new ArrayList<>();
        if (token != null) {
            forbidden.add(token);
            forbidden.addAll(List.of(token.split("\\.")));
        }
        for (byte[] secret : secrets) {
            forbidden.add(new String(secret, StandardCharsets.ISO_8859_1));
            forbidden.add(Base64.getEncoder().encodeToString(secret));
            forbidden.add(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            forbidden.add(HexFormat.of().formatHex(secret));
        }
        for (String part : forbidden) {
            // Very short parts ("a" of "a.b") could occur in any sentence by chance; the tokens under test have none.
            if (part.length() >= 8) {
                assertThat(text).as("a message").doesNotContain(part);
            }
        }
    }
}
