package org.collabledger.api.web.money;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.security.MoneyVisibility;
import org.collabledger.api.web.NotFound;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
import org.collabledger.projections.directory.DirectoryQueries;
import org.collabledger.projections.directory.DirectoryQueries.Deferral;
import org.collabledger.projections.directory.DirectoryQueries.PaymentEntry;
import org.collabledger.projections.directory.DirectoryQueries.PayoutRunEntry;
import org.collabledger.projections.directory.DirectoryQueries.PayoutTotals;
import org.collabledger.projections.money.MoneyChecks;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.money.MoneyQueries;
import org.collabledger.projections.money.MoneyQueries.Statement;
import org.collabledger.projections.money.MoneyQueries.StatementLine;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Allocations, balances, statements (JSON and CSV), payout runs, payments and the ledger-wide money
 * checks; an artist reads only the money of its own artists ({@link MoneyVisibility}).
 */
@RestController
public class MoneyReadController {

    private final MoneyQueries money;
    private final AllocationViews allocations;
    private final EventFeed feed;
    private final Projections projections;
    private final java.time.Clock clock;
    private final MoneyVisibility visibility;
    private final MoneyChecks checks;
    private final DirectoryQueries directory;

    public MoneyReadController(
            DirectoryQueries directory,
            MoneyQueries money,
            AllocationViews allocations,
            EventFeed feed,
            Projections projections,
            java.time.Clock clock,
            MoneyVisibility visibility,
            MoneyChecks checks) {
        this.checks = checks;
        this.directory = directory;
        this.money = money;
        this.allocations = allocations;
        this.feed = feed;
        this.projections = projections;
        this.clock = clock;
        this.visibility = visibility;
    }

    @GetMapping("/api/allocations/{allocationId}")
    public AllocationViews.AllocationView allocation(
            @PathVariable String allocationId, @RequestParam(required = false) Long asOf) {
        Text.id(allocationId, "allocationId");
        MoneyVisibility.Reader reader = visibility.reader();
        Optional<AllocationViews.AllocationView> seen =
                allocations
                        .view(allocationId, asOf == null ? Long.MAX_VALUE : nonNegative(asOf))
                        .seenBy(reader);
        reader.require(seen.isPresent(), "allocationId");
        return seen.get();
    }

    /** Every allocation proposed for a release, oldest first, as of {@code asOf}. */
    @GetMapping("/api/releases/{releaseId}/allocations")
    public List<AllocationViews.AllocationView> releaseAllocations(
            @PathVariable String releaseId, @RequestParam(required = false) Long asOf) {
        Text.id(releaseId, "releaseId");
        long at = asOf == null ? Long.MAX_VALUE : nonNegative(asOf);
        MoneyVisibility.Reader reader = visibility.reader();
        return feed.ofType("allocation.proposed", at).stream()
                .filter(event -> releaseId.equals(event.payload().path("releaseId").asText()))
                .map(event -> allocations.view(event.aggregateId(), at).seenBy(reader))
                .flatMap(Optional::stream)
                .toList();
    }

    @GetMapping("/api/artists/{artistId}/balance")
    public Map<String, Object> balance(
            @PathVariable String artistId, @RequestParam(required = false) Long asOf) {
        Text.id(artistId, "artistId");
        long at = asOf(asOf);
        List<Map<String, Object>> balances = new ArrayList<>();
        money.balances(artistId, at)
                .forEach(
                        (currency, amount) ->
                                balances.add(Map.of("currency", currency, "amount", amount)));
        return Map.of("artistId", artistId, "asOf", at, "balances", balances);
    }

    /** Where the inclusion proof of a line's event is fetched, with the event id appended. */
    private static final String PROOF = "/api/ledger/proof?eventId=";

    /**
     * A statement as served: each line also says where to fetch the proof that its event is in the
     * ledger.
     */
    public record StatementView(
            @JsonUnwrapped @JsonIgnoreProperties("lines") Statement statement,
            List<LineView> lines) {}

    /** A statement line and the path of its inclusion proof ({@code GET /api/ledger/proof}). */
    public record LineView(@JsonUnwrapped StatementLine line, String proof) {}

    @GetMapping("/api/artists/{artistId}/statements")
    public StatementView statementView(
            @PathVariable String artistId,
            @RequestParam String currency,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long asOf) {
        Statement statement = statement(artistId, currency, from, to, asOf);
        return new StatementView(
                statement,
                statement.lines().stream()
                        .map(line -> new LineView(line, PROOF + line.eventId()))
                        .toList());
    }

    private Statement statement(
            String artistId, String currency, String from, String to, Long asOf) {
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
        return money.statement(
                artistId,
                code,
                start.atStartOfDay().toInstant(ZoneOffset.UTC),
                end.atStartOfDay().toInstant(ZoneOffset.UTC),
                asOf(asOf));
    }

    @GetMapping(value = "/api/artists/{artistId}/statements.csv", produces = "text/csv")
    public ResponseEntity<String> statementCsv(
            @PathVariable String artistId,
            @RequestParam String currency,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Long asOf) {
        Statement statement = statement(artistId, currency, from, to, asOf);
        StringBuilder csv =
                new StringBuilder(
                        "date,kind,release_id,allocation_id,payment_id,share,pool,amount,"
                                + "balance,event_id,position,proof\r\n");
        csv.append(statement.from())
                .append(",OPENING,,,,,,,")
                .append(statement.openingBalance())
                .append(",,,\r\n");
        for (var line : statement.lines()) {
            csv.append(
                            String.join(
                                    ",",
                                    line.date().toString(),
                                    line.kind(),
                                    nullable(line.releaseId()),
                                    nullable(line.allocationId()),
                                    nullable(line.paymentId()),
                                    nullable(line.share()),
                                    line.pool() == null ? "" : line.pool().toString(),
                                    Long.toString(line.amount()),
                                    Long.toString(line.balanceAfter()),
                                    line.eventId(),
                                    Long.toString(line.position()),
                                    PROOF + line.eventId()))
                    .append("\r\n");
        }
        csv.append(statement.to())
                .append(",CLOSING,,,,,,,")
                .append(statement.closingBalance())
                .append(",,,\r\n");
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv; charset=UTF-8"))
                .header(
                        "Content-Disposition",
                        "attachment; filename=\"statement-"
                                + artistId
                                + "-"
                                + statement.currency()
                                + ".csv\"")
                .body(csv.toString());
    }

    /**
     * A payout run: its terms, what it paid and deferred, its payments and its deferrals. An artist
     * reads only its own artists' payments and deferrals, and not the run's totals, which would
     * tell it what the others were paid.
     */
    public record PayoutRunView(
            String id,
            List<PaymentEntry> payments,
            String currency,
            long threshold,
            String rail,
            String startedAt,
            PayoutTotals totals,
            List<Deferral> deferrals,
            long position) {}

    @GetMapping("/api/payout-runs/{runId}")
    public PayoutRunView payoutRun(@PathVariable String runId) {
        Text.id(runId, "runId");
        PayoutRunEntry run =
                directory
                        .payoutRun(runId)
                        .orElseThrow(() -> new NotFound("no payout run " + runId));
        MoneyVisibility.Reader reader = visibility.reader();
        return new PayoutRunView(
                runId,
                directory.runPayments(runId).stream()
                        .filter(p -> reader.sees(p.artistId()))
                        .toList(),
                run.currency(),
                run.threshold(),
                run.rail(),
                run.startedAt(),
                reader.seesAll() ? run.totals() : null,
                directory.deferrals(runId).stream().filter(d -> reader.sees(d.artistId())).toList(),
                run.position());
    }

    @GetMapping("/api/payments/{paymentId}")
    public PaymentEntry payment(@PathVariable String paymentId) {
        Text.id(paymentId, "paymentId");
        PaymentEntry payment =
                directory
                        .payment(paymentId)
                        .orElseThrow(() -> new NotFound("no payment " + paymentId));
        MoneyVisibility.Reader reader = visibility.reader();
        reader.require(reader.sees(payment.artistId()), "paymentId");
        return payment;
    }

    /** The money checks of {@code attribution.md} §5–6 ({@link MoneyChecks}). */
    @GetMapping("/api/ledger/checks")
    public MoneyChecks.Result checks(@RequestParam(required = false) Long asOf) {
        return checks.check(asOf(asOf));
    }

    private long asOf(Long asked) {
        return projections.asOf(asked, MoneyProjection.PROCESSING_GROUP);
    }

    private static long nonNegative(long asOf) {
        Refusal.require(asOf >= 0, ErrorCode.INVALID_INPUT, "asOf", "asOf must not be negative");
        return asOf;
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException bad) {
            throw new Refusal(
                    ErrorCode.INVALID_INPUT, field, field + " must be a date written YYYY-MM-DD");
        }
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }
}
