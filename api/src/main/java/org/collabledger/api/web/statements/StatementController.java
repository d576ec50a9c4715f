package org.collabledger.api.web.statements;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import org.collabledger.api.projections.Projections;
import org.collabledger.domain.shared.Currencies;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.LargestRemainder;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.money.MoneyQueries;
import org.collabledger.projections.money.MoneyQueries.Statement;
import org.collabledger.projections.money.MoneyQueries.StatementLine;
import org.collabledger.projections.release.ReleaseProjection;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An artist's statement in one currency, as JSON and as CSV; an artist reads only the statements of
 * the artists it registered ({@code AccessRules}).
 */
@RestController
@Tag(name = "statements", description = "Artists' statements, as JSON and as CSV")
public class StatementController {

    /** Where the inclusion proof of a line's event is fetched, with the event id appended. */
    private static final String PROOF = "/api/ledger/proof?eventId=";

    private final MoneyQueries money;
    private final Projections projections;
    private final Clock clock;
    private final StatementNames names;

    StatementController(
            MoneyQueries money, Projections projections, Clock clock, StatementNames names) {
        this.money = money;
        this.projections = projections;
        this.clock = clock;
        this.names = names;
    }

    /**
     * The statement for {@code [from, to)}; without them, the current calendar half-year (UTC), and
     * with {@code from} alone the six months from it.
     */
    @GetMapping(value = "/api/artists/{artistId}/statements", produces = "application/json")
    @Operation(summary = "Read an artist's statement for a period")
    public ArtistStatement statement(
            @PathVariable String artistId,
            @RequestParam String currency,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long asOf) {
        Text.id(artistId, "artistId");
        String code = Money.requireCurrency(currency, "currency");
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate halfYear = LocalDate.of(today.getYear(), today.getMonthValue() <= 6 ? 1 : 7, 1);
        LocalDate start = from == null ? halfYear : date(from, "from");
        LocalDate end =
                to == null
                        ? (from == null ? halfYear.plusMonths(6) : start.plusMonths(6))
                        : date(to, "to");
        Refusal.require(
                start.isBefore(end), ErrorCode.INVALID_INPUT, "to", "to must come after from");
        long at =
                projections.asOf(
                        asOf, MoneyProjection.PROCESSING_GROUP, ReleaseProjection.PROCESSING_GROUP);
        Statement statement =
                money.statement(
                        artistId,
                        code,
                        start.atStartOfDay().toInstant(ZoneOffset.UTC),
                        end.atStartOfDay().toInstant(ZoneOffset.UTC),
                        at);
        return answer(statement, names.artist(artistId));
    }

    @Operation(
            summary = "The statement as CSV",
            description =
                    "The JSON statement as RFC 4180 CSV in UTF-8 with a header row: an OPENING row, one"
                            + " row per line, a CLOSING row. Columns: date (UTC day; for CLOSING the"
                            + " period's last day), kind, artist_id, artist_handle, artist_name"
                            + " ('(erased)' once the artist is forgotten), currency (ISO 4217),"
                            + " amount_minor and balance_minor and pool_minor (integers of the minor"
                            + " unit), amount_major and balance_major and pool_major (the same as"
                            + " decimals of the major unit, with a point), release_id, release_title,"
                            + " allocation_id, payment_id, share (the exact fraction, written 'n / d'"
                            + " so that no spreadsheet reads it as a date), share_percent (four"
                            + " decimals, for display), event_id, position, proof. A title or name"
                            + " that starts with = + - @, a tab or a carriage return is written after"
                            + " an apostrophe, which keeps a spreadsheet from running it as a"
                            + " formula; take one apostrophe off such a cell to get the text back.",
            responses =
                    @ApiResponse(
                            responseCode = "200",
                            description = "the statement, as a download",
                            content =
                                    @Content(
                                            mediaType = "text/csv",
                                            schema = @Schema(type = "string"))))
    @GetMapping(value = "/api/artists/{artistId}/statements.csv", produces = "text/csv")
    public ResponseEntity<String> statementCsv(
            @PathVariable String artistId,
            @RequestParam String currency,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long asOf) {
        return StatementCsv.of(statement(artistId, currency, from, to, asOf));
    }

    private ArtistStatement answer(Statement statement, StatementNames.ArtistName artist) {
        int digits = Currencies.minorUnits().get(statement.currency());
        Map<String, String> titles = new HashMap<>();
        return new ArtistStatement(
                statement.artistId(),
                artist.handle(),
                artist.displayName(),
                artist.erased(),
                statement.currency(),
                digits,
                statement.from(),
                statement.to(),
                statement.asOf(),
                statement.openingBalance(),
                major(statement.openingBalance(), digits),
                statement.lines().stream().map(line -> line(statement, line, titles)).toList(),
                statement.closingBalance(),
                major(statement.closingBalance(), digits));
    }

    /** A line with its amounts in both units, its release's title and its share's percentage. */
    private ArtistStatementLine line(
            Statement statement, StatementLine line, Map<String, String> titles) {
        int digits = Currencies.minorUnits().get(statement.currency());
        return new ArtistStatementLine(
                line.position(),
                line.eventId(),
                line.date(),
                line.kind(),
                statement.currency(),
                line.amount(),
                major(line.amount(), digits),
                line.balanceAfter(),
                major(line.balanceAfter(), digits),
                line.releaseId(),
                line.releaseId() == null
                        ? null
                        : titles.computeIfAbsent(
                                line.releaseId(), id -> names.releaseTitle(id, statement.asOf())),
                line.allocationId(),
                line.paymentId(),
                line.share(),
                line.share() == null
                        ? null
                        : LargestRemainder.percentages(money.creditedShares(line.eventId()))
                                .get(statement.artistId()),
                line.pool(),
                line.pool() == null ? null : major(line.pool(), digits),
                PROOF + line.eventId());
    }

    /**
     * Minor units as a decimal of major units: exact, by moving the point, never through a double.
     */
    private static String major(long minor, int digits) {
        return BigDecimal.valueOf(minor, digits).toPlainString();
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException bad) {
            throw new Refusal(
                    ErrorCode.INVALID_INPUT, field, field + " must be a date written YYYY-MM-DD");
        }
    }
}
