package org.collabledger.domain.shared;

import java.util.UUID;
import java.util.regex.Pattern;

/** Checks for the free-text and id inputs of commands, so every aggregate refuses the same way. */
public final class Text {

    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");

    private Text() {
    }

    /** A present, non-blank text of at most {@code maxLength} characters without control characters. */
    public static String required(String value, String field, int maxLength) {
        Refusal.require(value != null && !value.isBlank(), ErrorCode.INVALID_INPUT, field, field + " is required");
        return optional(value, field, maxLength);
    }

    /** Like {@link #required} but {@code null} is allowed and returned as is. */
    public static String optional(String value, String field, int maxLength) {
        if (value == null) {
            return null;
        }
        Refusal.require(value.codePointCount(0, value.length()) <= maxLength, ErrorCode.INVALID_INPUT, field,
                field + " must be at most " + maxLength + " characters");
        Refusal.require(!CONTROL.matcher(value).find(), ErrorCode.INVALID_INPUT, field,
                field + " must not contain control characters");
        return value.strip();
    }

    /** A ledger id: the canonical lower-case form of a UUID. */
    public static String id(String value, String field) {
        Refusal.require(value != null && isId(value), ErrorCode.INVALID_INPUT, field, field + " must be a ledger id");
        return value;
    }

    /** True when {@code value} is a ledger id. */
    public static boolean isId(String value) {
        if (value.length() != 36) {
            return false;
        }
        try {
            return UUID.fromString(value).toString().equals(value);
        } catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }
}
