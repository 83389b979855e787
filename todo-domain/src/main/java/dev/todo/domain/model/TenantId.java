package dev.todo.domain.model;

import java.util.regex.Pattern;

/**
 * The tenant that owns todos: an opaque string of 1 to {@value #MAX_LENGTH} characters from
 * {@code [A-Za-z0-9._:@|-]}. UUIDs, identity-provider subjects such as {@code auth0|abc} and e-mail-like ids all
 * fit. Every todo belongs to exactly one tenant, and no use case ever shows one tenant's todos to another.
 *
 * @param value the tenant id
 */
public record TenantId(String value) {

    /** The longest tenant id, in characters. */
    public static final int MAX_LENGTH = 128;

    /** The field name that violations of this rule carry. */
    public static final String FIELD = "tenant_id";

    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9._:@|-]{1," + MAX_LENGTH + "}");

    /**
     * Checks the id against the rules above.
     *
     * @throws ValidationException if the id is null, empty, too long or has a character outside the allowed set
     */
    public TenantId {
        if (value == null || value.isEmpty()) {
            throw ValidationException.of(FIELD, "is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw ValidationException.of(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!ALLOWED.matcher(value).matches()) {
            throw ValidationException.of(FIELD, "may only contain letters, digits and . _ : @ | -");
        }
    }

    /**
     * Makes a tenant id from text.
     *
     * @param value the tenant id
     * @return the tenant
     * @throws ValidationException if the id breaks a rule
     */
    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
