package dev.todo.app;

import dev.todo.rest.tenant.JwtVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key that signs the tokens clients hand back (cursors, sync tokens), the same on every replica and across
 * restarts: TODO_TOKEN_SECRET; else derived from TODO_AUTH_JWT_SECRET; else, on the embedded database, a random key
 * kept in {@code <data dir>.token-secret}; else a random key for this process only, with a warning.
 */
final class TokenSecrets {

    private static final Logger LOG = LoggerFactory.getLogger(TokenSecrets.class);
    static final String FILE = "token-secret";
    /** What the request log's tenant hashes are keyed with is derived from the token key for this purpose. */
    static final String TENANT_HASH_PURPOSE = "todo/log-tenant-hash/v1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TokenSecrets() {
    }

    /** The key, resolved once per service; never printed. */
    // An array component on purpose (Error Prone's ArrayRecordComponent): copied in and out, never compared.
    @SuppressWarnings("ArrayRecordComponent")
    record Key(byte[] bytes) {
        Key {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public String toString() {
            return "Key[***]";
        }
    }

    static byte[] resolve(Settings settings) {
        if (settings.tokenSecret().isPresent()) {
            return settings.tokenSecret().get();
        }
        if (settings.auth() instanceof Settings.Auth.HmacJwt hmac) {
            return derive(hmac.secret(), "todo/token-secret/v1");
        }
        if (settings.database().isEmpty()) {
            return kept(keptFile(settings.dataDir()));
        }
        LOG.warn("No TODO_TOKEN_SECRET: paging cursors and sync tokens are signed with a key of this process only, "
                + "so they stop working when it restarts and are refused by other replicas. Set TODO_TOKEN_SECRET "
                + "(at least " + JwtVerifier.MIN_SECRET_BYTES + " bytes) to the same value on every replica.");
        return random();
    }

    /** Beside the data directory and named after it, so that two data directories never share a key. */
    static Path keptFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "." + FILE);
    }

    /** A key of its own for tokens, so that tokens and JWTs never share one. */
    static byte[] derive(byte[] secret, String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(purpose.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** The key in the file, made on first use, readable by its owner only. */
    private static byte[] kept(Path file) {
        try {
            if (Files.exists(file)) {
                byte[] key = Files.readAllBytes(file);
                if (key.length >= JwtVerifier.MIN_SECRET_BYTES) {
                    return key;
                }
            }
            Path directory = file.toAbsolutePath().getParent();
            if (directory == null) {
                throw new StartupException("cannot keep the token secret in " + file + ": it names no directory");
            }
            Files.createDirectories(directory);
            byte[] key = random();
            Path temporary = Files.createTempFile(directory, FILE, ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file stays in the user's own directory
            }
            Files.write(temporary, key);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return key;
        } catch (IOException e) {
            throw new StartupException("cannot keep the token secret in " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] random() {
        byte[] key = new byte[JwtVerifier.MIN_SECRET_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }
}
