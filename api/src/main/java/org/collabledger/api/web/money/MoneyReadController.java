package org.collabledger.api.web.money;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.security.MoneyVisibility;
import org.collabledger.api.web.NotFound;
import org.collabledger.domain.shared.ErrorCode;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Allocations, balances, payout runs, payments and the ledger-wide money checks (statements are
 * {@code web.statements}); an artist reads only the money of its own artists ({@link
 * MoneyVisibility}).
 */
@RestController
@Tag(name = "money")
public class MoneyReadController {

    private final MoneyQueries money;
    private final AllocationViews allocations;
    private final EventFeed feed;
    private final Projections projections;
    private final MoneyVisibility visibility;
    private final MoneyChecks checks;
    private final DirectoryQueries directory;

    public MoneyReadController(
            DirectoryQueries directory,
            MoneyQueries money,
            AllocationViews allocations,
            EventFeed feed,
            Projections projections,
            MoneyVisibility visibility,
            MoneyChecks checks) {
        this.checks = checks;
        this.directory = directory;
        this.money = money;
        this.allocations = allocations;
        this.feed = feed;
        this.projections = projections;
        this.visibility = visibility;
    }

    @GetMapping("/api/allocations/{allocationId}")
    @Operation(summary = "Read an allocation: its lines, comments and state")
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
    @Operation(summary = "List a release's allocations, oldest first")
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

    /** An artist's balance in each currency, in minor units, at ledger position {@code asOf}. */
    public record Balance(String artistId, long asOf, List<CurrencyBalance> balances) {}

    /** A balance in one currency, in its minor units. */
    public record CurrencyBalance(String currency, long amount) {}

    @GetMapping("/api/artists/{artistId}/balance")
    @Operation(summary = "Read an artist's balances")
    public Balance balance(
            @PathVariable String artistId, @RequestParam(required = false) Long asOf) {
        Text.id(artistId, "artistId");
        long at = asOf(asOf);
        List<CurrencyBalance> balances = new ArrayList<>();
        money.balances(artistId, at)
                .forEach((currency, amount) -> balances.add(new CurrencyBalance(currency, amount)));
        return new Balance(artistId, at, balances);
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
    @Operation(summary = "Read a payout run and its payments")
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
    @Operation(summary = "Read a payment")
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
    @Operation(summary = "Run the ledger-wide money checks")
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
}
