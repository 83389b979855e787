package dev.todo.rest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.todo.domain.model.TenantId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The request log's tenant hashes: keyed, stable, short. */
class TenantHashesTest {

    private static final byte[] KEY = "a-key-of-the-deployment-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] OTHER_KEY = "another-deployment-key-32-bytes!".getBytes(StandardCharsets.UTF_8);

    @Test
    void aHashIsTheHmacOfTheTenantUnderTheKeyCutTo12HexDigits() throws Exception {
        TenantId tenant = TenantId.of("jane.doe@example.com");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(tenant.value().getBytes(StandardCharsets.UTF_8)), 0, 6);

        TenantHashes hashes = new TenantHashes(KEY);
        assertThat(hashes.of(tenant)).isEqualTo(expected).isEqualTo(hashes.of(tenant));
        assertThat(new TenantHashes(KEY.clone()).of(tenant)).isEqualTo(expected);
    }

    @Test
    void withoutTheKeyAHashCannotBeMatchedToAnId() throws Exception {
        TenantId tenant = TenantId.of("jane.doe@example.com");
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(tenant.value().getBytes(StandardCharsets.UTF_8)), 0, 6);
        assertThat(new TenantHashes(KEY).of(tenant)).isNotEqualTo(plain)
                .isNotEqualTo(new TenantHashes(OTHER_KEY).of(tenant));
        assertThat(new TenantHashes(KEY).toString()).doesNotContain("a-key");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new TenantHashes(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }
}
