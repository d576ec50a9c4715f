package org.collabledger.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stored text is well-formed Unicode without control characters; only a paragraph breaks lines,
 * with \n.
 */
class TextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a\ud800",
                "\udc00b",
                "x\ud83c",
                "two\nlines",
                "tab\there",
                "cr\rlf",
                "a\u2028b",
                "a\u2029b",
                "bell\u0007",
                "nul\u0000",
                "\u202egnp.exe",
                "nel\u0085"
            })
    void aLineRefusesBrokenUnicodeAndEveryControlCharacter(String text) {
        refused(() -> Text.required(text, "title", 200));
        refused(() -> Text.optional(text, "title", 200));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"a\ud800", "\udc00b", "tab\there", "cr\r\nlf", "a\u2028b", "bell\u0007"})
    void aParagraphRefusesThemToo(String text) {
        refused(() -> Text.paragraph(text, "reason", 1000));
        refused(() -> Text.optionalParagraph(text, "reason", 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ana 🎵 Müller", "名前", "a\ud83c\udfb5b"})
    void wholeCharactersOutsideTheBasicPlaneAreFine(String text) {
        assertThat(Text.required(text, "title", 200)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"first claim\nsecond claim", "one\n\ntwo"})
    void aParagraphMayBreakLinesWithNewline(String text) {
        assertThat(Text.paragraph(text, "reason", 1000)).isEqualTo(text);
        assertThat(Text.optionalParagraph(text, "reason", 1000)).isEqualTo(text);
    }

    private static void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable check) {
        assertThatThrownBy(check)
                .isInstanceOfSatisfying(
                        Refusal.class,
                        refusal -> {
                            assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_INPUT);
                            assertThat(refusal.field()).isIn("title", "reason");
                        });
    }
}
