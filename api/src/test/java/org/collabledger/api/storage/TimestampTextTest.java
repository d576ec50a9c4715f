package org.collabledger.api.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.axonframework.common.DateTimeUtils;

/** The event store's hand-written timestamp text is Axon's, character for character. */
class TimestampTextTest {

    @Property(tries = 20_000)
    void isAxonsTextForAnyInstant(
            @ForAll @LongRange(min = -100_000_000_000L, max = 400_000_000_000L) long second,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nano) {
        Instant instant = Instant.ofEpochSecond(second, nano);
        assertThat(LedgerJdbcEventStorageEngine.timestampText(instant))
                .isEqualTo(DateTimeUtils.formatInstant(instant));
    }

    @Property(tries = 5_000)
    void isAxonsTextForInstantsOfThisCentury(
            @ForAll @LongRange(min = 946_684_800_000L, max = 4_102_444_800_000L) long milli,
            @ForAll @IntRange(min = 0, max = 999_999) int nanoOfMilli) {
        Instant instant = Instant.ofEpochMilli(milli).plusNanos(nanoOfMilli);
        assertThat(LedgerJdbcEventStorageEngine.timestampText(instant))
                .isEqualTo(DateTimeUtils.formatInstant(instant));
    }

    @Example
    void isAxonsTextAtTheEdges() {
        for (String text :
                new String[] {
                    "1970-01-01T00:00:00Z",
                    "2024-02-29T23:59:59.999999999Z",
                    "0000-01-01T00:00:00Z",
                    "-0001-12-31T23:59:59.999Z",
                    "9999-12-31T23:59:59.999Z",
                    "+10000-01-01T00:00:00Z",
                    "1969-12-31T23:59:59.000999999Z",
                    "2026-11-23T18:31:56.096Z"
                }) {
            Instant instant = Instant.parse(text);
            assertThat(LedgerJdbcEventStorageEngine.timestampText(instant))
                    .as(text)
                    .isEqualTo(DateTimeUtils.formatInstant(instant));
        }
        assertThat(
                        LedgerJdbcEventStorageEngine.timestampText(
                                Instant.parse("2026-11-23T18:31:56.096Z")))
                .isEqualTo("2026-11-23T18:31:56.096Z");
    }
}
