package org.collabledger.domain.testing;

import java.util.Objects;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

/**
 * Matches a {@link Refusal} by what the edge shows a client: its error code and the field at fault.
 */
public final class RefusalMatcher extends TypeSafeDiagnosingMatcher<Refusal> {

    private final ErrorCode code;
    private final String field;

    private RefusalMatcher(ErrorCode code, String field) {
        this.code = code;
        this.field = field;
    }

    /**
     * A refusal with {@code code} naming {@code field}; {@code null} when no single field is at
     * fault.
     */
    public static Matcher<Refusal> refusal(ErrorCode code, String field) {
        return new RefusalMatcher(code, field);
    }

    @Override
    protected boolean matchesSafely(Refusal refusal, Description mismatch) {
        mismatch.appendText("was a refusal with code ")
                .appendValue(refusal.code())
                .appendText(" on field ")
                .appendValue(refusal.field())
                .appendText(": ")
                .appendText(refusal.getMessage());
        return refusal.code() == code && Objects.equals(refusal.field(), field);
    }

    @Override
    public void describeTo(Description description) {
        description
                .appendText("a refusal with code ")
                .appendValue(code)
                .appendText(" on field ")
                .appendValue(field);
    }
}
