package org.collabledger.api.web.statements;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.collabledger.api.web.CsvAnswer;
import org.springframework.http.ResponseEntity;

/**
 * A statement as CSV, row for row the JSON statement with an OPENING row before its lines and a
 * CLOSING row after them. Every row carries the artist and the currency, so statements pasted one
 * under another still say whose money each row is and in what.
 */
final class StatementCsv {

    /** What a cell reads as after a forgetting, in place of the artist's handle and name. */
    static final String ERASED = "(erased)";

    /**
     * The header row. {@code date} is the day in UTC (for CLOSING, the last day of the period);
     * {@code *_minor} are integers of the currency's minor unit, {@code *_major} the same amounts
     * as decimals of its major unit with a point; {@code share} is the exact fraction written
     * {@code n / d}, {@code share_percent} its display value with four decimals (see {@link
     * ArtistStatementLine#sharePercent}); titles and names that start like a formula carry a
     * leading apostrophe ({@link CsvAnswer#text}).
     */
    static final List<String> HEADER =
            List.of(
                    "date",
                    "kind",
                    "artist_id",
                    "artist_handle",
                    "artist_name",
                    "currency",
                    "amount_minor",
                    "amount_major",
                    "balance_minor",
                    "balance_major",
                    "release_id",
                    "release_title",
                    "allocation_id",
                    "payment_id",
                    "share",
                    "share_percent",
                    "pool_minor",
                    "pool_major",
                    "event_id",
                    "position",
                    "proof");

    private StatementCsv() {}

    static ResponseEntity<String> of(ArtistStatement statement) {
        LocalDate lastDay = day(statement.to()).minusDays(1);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(
                balanceRow(
                        statement,
                        day(statement.from()),
                        "OPENING",
                        statement.openingBalance(),
                        statement.openingBalanceMajor()));
        for (ArtistStatementLine line : statement.lines()) {
            rows.add(
                    Arrays.asList(
                            day(line.date()),
                            line.kind(),
                            statement.artistId(),
                            handle(statement),
                            name(statement),
                            line.currency(),
                            line.amount(),
                            line.amountMajor(),
                            line.balanceAfter(),
                            line.balanceAfterMajor(),
                            line.releaseId(),
                            CsvAnswer.text(line.releaseTitle()),
                            line.allocationId(),
                            line.paymentId(),
                            CsvAnswer.fraction(line.share()),
                            line.sharePercent(),
                            line.pool(),
                            line.poolMajor(),
                            line.eventId(),
                            line.position(),
                            line.proof()));
        }
        rows.add(
                balanceRow(
                        statement,
                        lastDay,
                        "CLOSING",
                        statement.closingBalance(),
                        statement.closingBalanceMajor()));
        String who =
                statement.artistHandle() == null ? statement.artistId() : statement.artistHandle();
        return CsvAnswer.attachment(
                String.join(
                                "-",
                                "statement",
                                who,
                                statement.currency(),
                                day(statement.from()).toString(),
                                lastDay.toString())
                        + ".csv",
                HEADER,
                rows);
    }

    /** An OPENING or CLOSING row: whose, which currency, and the balance; nothing else. */
    private static List<Object> balanceRow(
            ArtistStatement statement, LocalDate date, String kind, long balance, String major) {
        List<Object> row = new ArrayList<>(Collections.nCopies(HEADER.size(), null));
        row.set(HEADER.indexOf("date"), date);
        row.set(HEADER.indexOf("kind"), kind);
        row.set(HEADER.indexOf("artist_id"), statement.artistId());
        row.set(HEADER.indexOf("artist_handle"), handle(statement));
        row.set(HEADER.indexOf("artist_name"), name(statement));
        row.set(HEADER.indexOf("currency"), statement.currency());
        row.set(HEADER.indexOf("balance_minor"), balance);
        row.set(HEADER.indexOf("balance_major"), major);
        return row;
    }

    private static String handle(ArtistStatement statement) {
        return statement.artistErased() ? ERASED : statement.artistHandle();
    }

    private static String name(ArtistStatement statement) {
        return statement.artistErased() ? ERASED : CsvAnswer.text(statement.artistDisplayName());
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
