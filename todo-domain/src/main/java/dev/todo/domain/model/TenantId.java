package dev.todo.domain.model;


/**
 * The tenant that owns todos: an opaque string of 1 to {@value #MAX_LENGTH} characters from {@code [A-Za-z0-9._:@|-]}.
 * UUIDs, identity-provider subjects such as {@code auth0|abc} and e-mail-like ids all fit.
 */
public record TenantId(String value) {

    /** The longest tenant id, in characters. */
    public static final int MAX_LENGTH = 128;

    /** The field name that violations of this rule carry. */
    public static final String FIELD = "tenant_id";


    /**
     * Checks the id against the rules above.
     * @throws ValidationException if the id is null, empty, too long or has a character outside the allowed set
     */
    public TenantId {
        if (value == null || value.isEmpty()) {
            throw ValidationException.of(FIELD, "is required");
        }
        if (value.length() > MAX_LENGTH) {
            throw ValidationException.of(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        if (!allowed(value)) {
            throw ValidationException.of(FIELD, "may only contain letters, digits and . _ : @ | -");
        }
    }

    /** Letters and digits of ASCII and {@code . _ : @ | -}: a loop, since every row read is checked. */
    private static boolean allowed(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '@' || c == '|' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Makes a tenant id from text.
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
