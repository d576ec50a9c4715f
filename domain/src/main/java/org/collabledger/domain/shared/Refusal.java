package org.collabledger.domain.shared;

/**
 * A command refused by a business rule. Nothing is stored when it is thrown; the edge turns it into
 * a problem response carrying {@link #code()} and, when one input is at fault, {@link #field()}.
 */
public final class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final String field;

    public Refusal(ErrorCode code, String field, String message) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * The input at fault, in the request's own field names, or {@code null} when no single field
     * is.
     */
    public String field() {
        return field;
    }

    /** Refuses with {@code code} unless {@code condition} holds. */
    public static void require(boolean condition, ErrorCode code, String field, String message) {
        if (!condition) {
            throw new Refusal(code, field, message);
        }
    }
}
