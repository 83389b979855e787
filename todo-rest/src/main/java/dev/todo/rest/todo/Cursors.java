package dev.todo.rest.todo;

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
 * Opaque, tamper-evident tokens for clients to hand back (paging cursors, sync tokens): a payload, and an
 * HMAC-SHA256 over the payload and what it is bound to (the tenant, the query), all base64url. A token changed by one
 * bit, made up, or taken from another tenant or query fails {@link #open}. The payload itself is not secret.
 */
public final class Cursors {

    private static final String MAC = "HmacSHA256";
    private static final int TAG_BYTES = 16;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;

    /** A key of at least 32 bytes: instances that share it (all replicas) accept each other's tokens. */
    public Cursors(byte[] secret) {
        if (secret.length < dev.todo.rest.tenant.JwtVerifier.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("the cursor key must be at least "
                    + dev.todo.rest.tenant.JwtVerifier.MIN_SECRET_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), MAC);
    }

    /** A token carrying {@code payload}, valid for {@code binding} (tenant, query): signed, not carried. */
    String seal(String payload, String binding) {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        byte[] tag = tag(body, binding);
        return ENCODER.encodeToString(ByteBuffer.allocate(body.length + tag.length).put(body).put(tag).array());
    }

    /** The payload of a token from {@link #seal}; empty if it is malformed, altered, or sealed for another binding. */
    Optional<String> open(String token, String binding) {
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
