package dev.todo.mcp;

import dev.todo.domain.model.TodoId;
import dev.todo.domain.model.TodoPosition;
import dev.todo.domain.model.TodoSort;
import dev.todo.domain.model.ValidationException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code list_tasks}' cursors: a page's last position, with an HMAC-SHA256 over it and what it is bound to (the
 * tenant, the order, the filter; {@link ToolArguments#binding}), base64url. A cursor altered, made up, or from another
 * tenant or list is refused as a {@code cursor} violation.
 */
final class ListCursors {

    private static final String MAC = "HmacSHA256";
    private static final int TAG_BYTES = 16;
    private static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    ListCursors(byte[] secret) {
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the cursor key must be at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), MAC);
    }

    /** The cursor of the page after {@code position}. */
    String seal(TodoPosition position, String binding) {
        byte[] body = (position.id() + "\n" + position.keyText()).getBytes(StandardCharsets.UTF_8);
        byte[] tag = tag(body, binding);
        return ENCODER.encodeToString(ByteBuffer.allocate(body.length + tag.length).put(body).put(tag).array());
    }

    /**
     * The position a cursor carries.
     *
     * @throws ValidationException naming {@code cursor} if it is not a cursor of this list
     */
    TodoPosition open(String cursor, TodoSort sort, String binding) {
        Optional<String> payload = payload(cursor, binding);
        int newline = payload.map(p -> p.indexOf('\n')).orElse(-1);
        if (newline < 0) {
            throw invalid();
        }
        try {
            return new TodoPosition(sort, payload.get().substring(newline + 1),
                    TodoId.parse(payload.get().substring(0, newline)));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    private static ValidationException invalid() {
        return ValidationException.of("cursor", "is not a cursor of this list (it may be altered, or made for another "
                + "order, filter or tenant)");
    }

    private Optional<String> payload(String token, String binding) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (raw.length <= TAG_BYTES) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOf(raw, raw.length - TAG_BYTES);
        byte[] tag = Arrays.copyOfRange(raw, raw.length - TAG_BYTES, raw.length);
        if (!MessageDigest.isEqual(tag, tag(body, binding))) {
            return Optional.empty();
        }
        return Optional.of(new String(body, StandardCharsets.UTF_8));
    }

    private byte[] tag(byte[] body, String binding) {
        try {
            Mac mac = Mac.getInstance(MAC);
            mac.init(key);
            mac.update(binding.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(body), TAG_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
