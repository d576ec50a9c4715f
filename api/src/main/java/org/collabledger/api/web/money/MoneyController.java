package org.collabledger.api.web.money;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.projections.CurrentAttribution;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.security.ArtistAccess;
import org.collabledger.api.web.Changed;
import org.collabledger.api.web.CommandAnswer;
import org.collabledger.api.web.CommandDispatcher;
import org.collabledger.api.web.CommandDispatcher.Result;
import org.collabledger.api.web.Created;
import org.collabledger.api.web.NotFound;
import org.collabledger.domain.allocation.AllocationCommand.FileComment;
import org.collabledger.domain.allocation.AllocationCommand.FinalizeAllocation;
import org.collabledger.domain.allocation.AllocationCommand.ReviseAllocation;
import org.collabledger.domain.allocation.Claim;
import org.collabledger.domain.release.Entry;
import org.collabledger.domain.release.ReleaseCommand.ProposeAllocation;
import org.collabledger.domain.release.ReleaseCommand.RecordEntry;
import org.collabledger.domain.release.ReleaseCommand.ReverseEntry;
import org.collabledger.domain.shared.Text;
import org.collabledger.domain.treasury.Treasury;
import org.collabledger.domain.treasury.TreasuryCommand.FailPayment;
import org.collabledger.domain.treasury.TreasuryCommand.RecordAdjustment;
import org.collabledger.domain.treasury.TreasuryCommand.ReversePayment;
import org.collabledger.domain.treasury.TreasuryCommand.RunPayout;
import org.collabledger.domain.treasury.TreasuryCommand.SettlePayment;
import org.collabledger.projections.attribution.AttributionQueries.AllocationBasis;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.money.MoneyQueries;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Money commands: revenue and costs with reversals, the allocation lifecycle (propose, comment,
 * revise, finalize), payout runs, payment outcomes and adjustments.
 */
@RestController
@Tag(name = "money", description = "Revenue, costs, allocations, payouts and adjustments")
public class MoneyController {

    private final CommandDispatcher commands;
    private final CurrentAttribution currentAttribution;
    private final MoneyQueries money;
    private final Projections projections;
    private final AllocationViews allocations;
    private final Clock clock;
    private final ArtistAccess access;
    private final EventFeed feed;

    public MoneyController(
            CommandDispatcher commands,
            CurrentAttribution currentAttribution,
            MoneyQueries money,
            Projections projections,
            AllocationViews allocations,
            Clock clock,
            ArtistAccess access,
            EventFeed feed) {
        this.commands = commands;
        this.currentAttribution = currentAttribution;
        this.money = money;
        this.projections = projections;
        this.allocations = allocations;
        this.clock = clock;
        this.access = access;
        this.feed = feed;
    }

    /** Body of a revenue or cost entry, in minor units of a currency. */
    public record EntryBody(
            @NotNull Long amount,
            @NotNull String currency,
            @NotNull String period,
            @NotNull String sourceRef) {}

    /** Body of a reversal. */
    public record ReasonBody(@NotNull String reason) {}

    /**
     * Body of an allocation proposal; {@code pool} only for BUDGET releases, {@code reviewDays}
     * default 14.
     */
    public record ProposalBody(@NotNull String currency, Long pool, Integer reviewDays) {}

    /** Body of an artist's comment on a proposal. */
    public record CommentBody(
            @NotNull String artistId, @NotNull Claim claim, @NotNull String text) {}

    /** Body of a payout run; {@code threshold} in minor units (default 10 major units). */
    public record PayoutBody(
            @NotNull String currency, Long threshold, String rail, String reference) {}

    /** Body of a settlement. */
    public record SettleBody(String externalRef) {}

    /** Body of an adjustment: a signed amount naming the event it corrects. */
    public record AdjustmentBody(
            @NotNull String currency,
            @NotNull Long amount,
            @NotNull String reason,
            @NotNull String correctedEventId) {}

    @PostMapping("/api/releases/{releaseId}/revenue")
    @Operation(summary = "Record revenue of a release")
    public ResponseEntity<Created> revenue(
            @PathVariable String releaseId,
            @Valid @RequestBody EntryBody body,
            HttpServletRequest request) {
        return entry(releaseId, Entry.REVENUE, body, request);
    }

    @PostMapping("/api/releases/{releaseId}/costs")
    @Operation(summary = "Record a cost of a release")
    public ResponseEntity<Created> cost(
            @PathVariable String releaseId,
            @Valid @RequestBody EntryBody body,
            HttpServletRequest request) {
        return entry(releaseId, Entry.COST, body, request);
    }

    /** The answer to reversing a revenue or cost entry. */
    public record EntryReversed(String id, boolean reversed, long ledgerPosition)
            implements CommandAnswer {}

    @PostMapping("/api/releases/{releaseId}/entries/{entryId}/reverse")
    @Operation(summary = "Reverse a revenue or cost entry")
    public ResponseEntity<EntryReversed> reverse(
            @PathVariable String releaseId,
            @PathVariable String entryId,
            @Valid @RequestBody ReasonBody body,
            HttpServletRequest request) {
        Text.id(releaseId, "releaseId");
        return commands.execute(
                request,
                body,
                EntryReversed.class,
                () -> {
                    commands.send(new ReverseEntry(releaseId, entryId, body.reason()));
                    return Result.ok(Map.of("id", entryId, "reversed", true));
                });
    }

    @PostMapping("/api/releases/{releaseId}/allocations")
    @Operation(summary = "Propose an allocation of a release's pool")
    public ResponseEntity<Created> propose(
            @PathVariable String releaseId,
            @Valid @RequestBody ProposalBody body,
            HttpServletRequest request) {
        Text.id(releaseId, "releaseId");
        AllocationBasis basis = currentBasis(releaseId);
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    String id = commands.newId();
                    commands.send(
                            new ProposeAllocation(
                                    releaseId,
                                    id,
                                    body.currency(),
                                    body.pool(),
                                    body.reviewDays(),
                                    basis.shares(),
                                    basis.recordIds(),
                                    basis.position(),
                                    clock.instant()));
                    return Result.created(id, "/api/allocations/" + id);
                });
    }

    @PostMapping("/api/allocations/{allocationId}/comments")
    @Operation(summary = "Comment on a proposed allocation, as one of its artists")
    public ResponseEntity<Changed> comment(
            @PathVariable String allocationId,
            @Valid @RequestBody CommentBody body,
            HttpServletRequest request) {
        Text.id(allocationId, "allocationId");
        access.requireActsAs(body.artistId(), "artistId");
        return commands.execute(
                request,
                body,
                Changed.class,
                () -> {
                    commands.send(
                            new FileComment(
                                    allocationId, body.artistId(), body.claim(), body.text()));
                    return Result.ok(Map.of("id", allocationId));
                });
    }

    @PostMapping("/api/allocations/{allocationId}/revise")
    @Operation(summary = "Revise a proposed allocation to the current attribution")
    public ResponseEntity<Changed> revise(
            @PathVariable String allocationId,
            @Valid @RequestBody ReasonBody body,
            HttpServletRequest request) {
        Text.id(allocationId, "allocationId");
        String releaseId = allocations.releaseOf(allocationId);
        AllocationBasis basis = currentBasis(releaseId);
        return commands.execute(
                request,
                body,
                Changed.class,
                () -> {
                    commands.send(
                            new ReviseAllocation(
                                    allocationId,
                                    basis.shares(),
                                    basis.recordIds(),
                                    basis.position(),
                                    body.reason(),
                                    clock.instant()));
                    return Result.ok(Map.of("id", allocationId));
                });
    }

    /** The answer to finalizing an allocation. */
    public record AllocationFinalized(String id, boolean finalized, long ledgerPosition)
            implements CommandAnswer {}

    @PostMapping("/api/allocations/{allocationId}/finalize")
    @Operation(summary = "Finalize an allocation once its review window has closed")
    public ResponseEntity<AllocationFinalized> finalizeAllocation(
            @PathVariable String allocationId, HttpServletRequest request) {
        Text.id(allocationId, "allocationId");
        return commands.execute(
                request,
                Map.of(),
                AllocationFinalized.class,
                () -> {
                    commands.send(new FinalizeAllocation(allocationId, clock.instant()));
                    return Result.ok(Map.of("id", allocationId, "finalized", true));
                });
    }

    @PostMapping("/api/payout-runs")
    @Operation(summary = "Run a payout of one currency's balances")
    public ResponseEntity<Created> payout(
            @Valid @RequestBody PayoutBody body, HttpServletRequest request) {
        String treasury = Treasury.idOf(body.currency());
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    String runId = commands.newId();
                    commands.send(
                            new RunPayout(
                                    treasury,
                                    runId,
                                    body.threshold(),
                                    body.rail(),
                                    body.reference(),
                                    clock.instant()));
                    return Result.created(runId, "/api/payout-runs/" + runId);
                });
    }

    /** The answer to a payment's outcome: the payment and the state it is now in. */
    public record PaymentOutcome(String id, String state, long ledgerPosition)
            implements CommandAnswer {}

    @PostMapping("/api/payments/{paymentId}/settle")
    @Operation(summary = "Record that a payment settled")
    public ResponseEntity<PaymentOutcome> settle(
            @PathVariable String paymentId,
            @Valid @RequestBody(required = false) SettleBody body,
            HttpServletRequest request) {
        return paymentOutcome(
                paymentId,
                body == null ? Map.of() : body,
                "SETTLED",
                request,
                treasury ->
                        new SettlePayment(
                                treasury, paymentId, body == null ? null : body.externalRef()));
    }

    @PostMapping("/api/payments/{paymentId}/fail")
    @Operation(summary = "Record that a payment failed, returning its amount to the balance")
    public ResponseEntity<PaymentOutcome> fail(
            @PathVariable String paymentId,
            @Valid @RequestBody ReasonBody body,
            HttpServletRequest request) {
        return paymentOutcome(
                paymentId,
                body,
                "FAILED",
                request,
                treasury -> new FailPayment(treasury, paymentId, body.reason()));
    }

    @PostMapping("/api/payments/{paymentId}/reverse")
    @Operation(summary = "Reverse a settled payment")
    public ResponseEntity<PaymentOutcome> reversePayment(
            @PathVariable String paymentId,
            @Valid @RequestBody ReasonBody body,
            HttpServletRequest request) {
        return paymentOutcome(
                paymentId,
                body,
                "REVERSED",
                request,
                treasury -> new ReversePayment(treasury, paymentId, body.reason()));
    }

    /** Sends a payment's outcome to the treasury of its currency, found from the payment id. */
    private ResponseEntity<PaymentOutcome> paymentOutcome(
            String paymentId,
            Object body,
            String state,
            HttpServletRequest request,
            java.util.function.Function<String, Object> command) {
        String treasury = treasuryOfPayment(paymentId);
        return commands.execute(
                request,
                body,
                PaymentOutcome.class,
                () -> {
                    commands.send(command.apply(treasury));
                    return Result.ok(Map.of("id", paymentId, "state", state));
                });
    }

    @PostMapping("/api/artists/{artistId}/adjustments")
    @Operation(summary = "Adjust an artist's balance, naming the event it corrects")
    public ResponseEntity<Created> adjust(
            @PathVariable String artistId,
            @Valid @RequestBody AdjustmentBody body,
            HttpServletRequest request) {
        Text.id(artistId, "artistId");
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    String id = commands.newId();
                    // A stored event is never removed, so the type found here still holds when the
                    // adjustment is
                    // appended: this check, done before sending, cannot race another command.
                    String correctedType = feed.typeOf(body.correctedEventId()).orElse(null);
                    commands.send(
                            new RecordAdjustment(
                                    body.currency(),
                                    id,
                                    artistId,
                                    body.amount(),
                                    body.reason(),
                                    body.correctedEventId(),
                                    correctedType));
                    return Result.created(id, "/api/artists/" + artistId + "/balance");
                });
    }

    private ResponseEntity<Created> entry(
            String releaseId, Entry entry, EntryBody body, HttpServletRequest request) {
        Text.id(releaseId, "releaseId");
        return commands.execute(
                request,
                body,
                Created.class,
                () -> {
                    String id = commands.newId();
                    commands.send(
                            new RecordEntry(
                                    releaseId,
                                    id,
                                    entry,
                                    body.amount(),
                                    body.currency(),
                                    body.period(),
                                    body.sourceRef()));
                    return Result.created(id, "/api/releases/" + releaseId + "/entries/" + id);
                });
    }

    /**
     * The release's attribution as of every stored event; the command then locks the credited
     * records, so a takedown in between is refused rather than paid on a stale split.
     */
    private AllocationBasis currentBasis(String releaseId) {
        return currentAttribution
                .basis(releaseId)
                .orElseThrow(() -> new NotFound("no release " + releaseId));
    }

    private String treasuryOfPayment(String paymentId) {
        Text.id(paymentId, "paymentId");
        projections.awaitCaughtUp(MoneyProjection.PROCESSING_GROUP, Duration.ofSeconds(30));
        return money.payment(paymentId)
                .map(p -> Treasury.idOf(p.currency()))
                .orElseThrow(() -> new NotFound("no payment " + paymentId));
    }
}
