package org.collabledger.domain.shared;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks for the free-text and id inputs of commands, so every aggregate refuses the same way. Text
 * is stored in events that never change, so it must be well-formed Unicode: no unpaired surrogate
 * (half of a character a JSON escape can carry), no control or format character, no line or
 * paragraph separator. A line has no line break at all; a paragraph (a reason, a comment, a prompt)
 * may break lines with {@code \n}.
 */
public final class Text {

    // \p{Cs} matches only an unpaired surrogate: the regex engine reads a whole pair as one code
    // point.
    private static final Pattern NOT_IN_A_LINE =
            Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}]");
    private static final Pattern NOT_IN_A_PARAGRAPH =
            Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}&&[^\\n]]");

    private Text() {}

    /** A present, non-blank line of at most {@code maxLength} characters. */
    public static String required(String value, String field, int maxLength) {
        return checked(present(value, field), field, maxLength, NOT_IN_A_LINE);
    }

    /** Like {@link #required} but {@code null} is allowed and returned as is. */
    public static String optional(String value, String field, int maxLength) {
        return value == null ? null : checked(value, field, maxLength, NOT_IN_A_LINE);
    }

    /**
     * A present, non-blank text of at most {@code maxLength} characters that may break lines with
     * {@code \n}.
     */
    public static String paragraph(String value, String field, int maxLength) {
        return checked(present(value, field), field, maxLength, NOT_IN_A_PARAGRAPH);
    }

    /** Like {@link #paragraph} but {@code null} is allowed and returned as is. */
    public static String optionalParagraph(String value, String field, int maxLength) {
        return value == null ? null : checked(value, field, maxLength, NOT_IN_A_PARAGRAPH);
    }

    /** A ledger id: the canonical lower-case form of a UUID. */
    public static String id(String value, String field) {
        Refusal.require(
                value != null && isId(value),
                ErrorCode.INVALID_INPUT,
                field,
                field + " must be a ledger id");
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

    private static String present(String value, String field) {
        Refusal.require(
                value != null && !value.isBlank(),
                ErrorCode.INVALID_INPUT,
                field,
                field + " is required");
        return value;
    }

    private static String checked(String value, String field, int maxLength, Pattern forbidden) {
        Refusal.require(
                value.codePointCount(0, value.length()) <= maxLength,
                ErrorCode.INVALID_INPUT,
                field,
                field + " must be at most " + maxLength + " characters");
        Refusal.require(
                !forbidden.matcher(value).find(),
                ErrorCode.INVALID_INPUT,
                field,
                field
                        + (forbidden == NOT_IN_A_LINE
                                ? " must be one line"
                                : " may break lines only with \\n")
                        + " of well-formed Unicode without control characters");
        return value.strip();
    }
}
