package org.collabledger.domain.shared;

/**
 * Stable business error codes; each becomes a problem {@code type} at the HTTP edge. Renaming a
 * constant is a breaking change for clients.
 */
public enum ErrorCode {
    INVALID_INPUT(Kind.INVALID),
    UNKNOWN_ARTIST(Kind.INVALID),
    UNKNOWN_RESOURCE(Kind.INVALID),
    UNKNOWN_RECORD(Kind.INVALID),
    UNKNOWN_EVENT(Kind.INVALID),
    UNKNOWN_COLLABORATION(Kind.INVALID),
    RESOURCE_TAKEN_DOWN(Kind.INVALID),
    RECORD_TAKEN_DOWN(Kind.INVALID),
    SELF_CITATION(Kind.INVALID),
    DUPLICATE_RESOURCE(Kind.INVALID),
    TOO_MANY_RESOURCES(Kind.INVALID),
    CITATION_CYCLE(Kind.INVALID),
    CITATION_NOT_FOUND(Kind.INVALID),
    CITATION_EXISTS(Kind.INVALID),
    INVALID_WEIGHT(Kind.INVALID),
    INVALID_FRACTION(Kind.INVALID),
    INVALID_MONEY(Kind.INVALID),
    AMOUNT_OUT_OF_RANGE(Kind.INVALID),
    UNKNOWN_CURRENCY(Kind.INVALID),
    INVALID_FUNDING(Kind.INVALID),
    HANDLE_TAKEN(Kind.CONFLICT),
    ALREADY_TAKEN_DOWN(Kind.CONFLICT),
    COLLABORATION_CLOSED(Kind.CONFLICT),
    ALREADY_SUBMITTED(Kind.CONFLICT),
    ALREADY_SELECTED(Kind.CONFLICT),
    NOT_SELECTED(Kind.CONFLICT),
    RELEASE_PUBLISHED(Kind.CONFLICT),
    EMPTY_SELECTION(Kind.CONFLICT),
    NO_SELECTION(Kind.CONFLICT),
    NO_PAYABLE_ARTISTS(Kind.CONFLICT),
    RELEASE_NOT_PUBLISHED(Kind.CONFLICT),
    DUPLICATE_SOURCE(Kind.CONFLICT),
    UNKNOWN_ENTRY(Kind.INVALID),
    ALREADY_REVERSED(Kind.CONFLICT),
    ZERO_POOL(Kind.CONFLICT),
    BUDGET_EXCEEDED(Kind.CONFLICT),
    INVALID_SHARES(Kind.INVALID),
    REVIEW_WINDOW_OPEN(Kind.CONFLICT),
    ALLOCATION_FINALIZED(Kind.CONFLICT),
    UNKNOWN_PAYMENT(Kind.NOT_FOUND),
    PAYMENT_STATE(Kind.CONFLICT),
    STALE_ATTRIBUTION(Kind.CONFLICT),
    NOT_SEALED_YET(Kind.CONFLICT),
    ARTIST_FORGOTTEN(Kind.CONFLICT),
    NOT_YOUR_ARTIST(Kind.FORBIDDEN),
    NOT_FOUND(Kind.NOT_FOUND);

    /**
     * How a refusal of this code is answered: bad input, a clash with current state, a missing
     * target, or not yours.
     */
    public enum Kind {
        INVALID,
        CONFLICT,
        NOT_FOUND,
        FORBIDDEN
    }

    private final Kind kind;

    ErrorCode(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The code as it appears in problem types, e.g. {@code resource-taken-down}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
