package dev.todo.rest.api;

import dev.todo.domain.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The request log's name for a tenant: HMAC-SHA256 of the tenant id under the deployment's key, cut to 12 hex digits,
 * so that without the key nobody can tell the tenant (ADR 0025).
 */
public final class TenantHashes {

    /** Hashing is the dearest part of a log line: the hashes of recent tenants are kept. Emptied when it grows big. */
    private static final int KEPT = 10_000;
    private static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;
    private final Map<String, String> recent = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException if the key is shorter */
    public TenantHashes(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("The key of tenant hashes needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** Its hash, 12 lowercase hex digits. */
    public String of(TenantId tenant) {
        String hash = recent.get(tenant.value());
        if (hash == null) {
            if (recent.size() >= KEPT) {
                recent.clear();
            }
            hash = hmac(tenant.value());
            recent.put(tenant.value(), hash);
        }
        return hash;
    }

    private String hmac(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 6);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "TenantHashes[HmacSHA256]";
    }
}
