package org.collabledger.domain.allocation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.collabledger.domain.allocation.AllocationCommand.FileComment;
import org.collabledger.domain.allocation.AllocationCommand.ReviseAllocation;
import org.collabledger.domain.allocation.AllocationEvent.AllocationFinalized;
import org.collabledger.domain.allocation.AllocationEvent.AllocationProposed;
import org.collabledger.domain.allocation.AllocationEvent.AllocationRevised;
import org.collabledger.domain.allocation.AllocationEvent.CommentFiled;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.LargestRemainder;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;

/**
 * A decision to pay a pool to a release's artists in proportion to attribution: proposed, reviewed
 * (comments, revisions), then finalized after the review window. Finalized amounts never change.
 */
public class Allocation {

    @AggregateIdentifier private String allocationId;
    private String releaseId;
    private String currency;
    private long pool;
    private int reviewDays;
    private Instant reviewEndsAt;
    private List<AllocationLine> lines;
    private int revision;
    private boolean finalized;

    protected Allocation() {}

    /** A proposal splitting {@code pool} by exact shares. */
    public Allocation(
            String allocationId,
            String releaseId,
            String currency,
            long pool,
            Map<String, String> shares,
            int reviewDays,
            long attributionPosition,
            Instant at) {
        this(
                allocationId,
                releaseId,
                currency,
                pool,
                split(pool, shares),
                reviewDays,
                attributionPosition,
                at);
    }

    /**
     * Proposed by the release, which has reserved the pool and split it already; called through
     * {@code createNew}.
     */
    public Allocation(
            String allocationId,
            String releaseId,
            String currency,
            long pool,
            List<AllocationLine> lines,
            int reviewDays,
            long attributionPosition,
            Instant at) {
        requireReviewDays(reviewDays);
        apply(
                new AllocationProposed(
                        allocationId,
                        releaseId,
                        currency,
                        pool,
                        lines,
                        reviewDays,
                        at.plus(Duration.ofDays(reviewDays)),
                        attributionPosition,
                        at));
    }

    @CommandHandler
    public void handle(FileComment command, LedgerCatalog catalog) {
        String artistId = Text.id(command.artistId(), "artistId");
        Refusal.require(
                command.claim() != null,
                ErrorCode.INVALID_INPUT,
                "claim",
                "claim is required: OMITTED, TOO_LOW or TOO_HIGH");
        String text = Text.paragraph(command.text(), "text", 2000);
        Refusal.require(
                catalog.artistExists(artistId),
                ErrorCode.UNKNOWN_ARTIST,
                "artistId",
                "no artist " + artistId);
        requireOpen();
        apply(new CommentFiled(allocationId, artistId, command.claim(), text));
    }

    @CommandHandler
    public void handle(ReviseAllocation command, LedgerCatalog catalog) {
        String reason = Text.paragraph(command.reason(), "reason", 1000);
        requireOpen();
        split(pool, command.shares());
        requireStillLive(command.creditedRecordIds(), catalog);
        apply(
                new AllocationRevised(
                        allocationId,
                        revision + 1,
                        split(pool, command.shares()),
                        command.at().plus(Duration.ofDays(reviewDays)),
                        command.attributionPosition(),
                        reason));
    }

    /** Finalizes, refusing inside the review window or a second time; returns the owed lines. */
    public AllocationFinalized finalizeAt(Instant at) {
        requireOpen();
        Refusal.require(
                !at.isBefore(reviewEndsAt),
                ErrorCode.REVIEW_WINDOW_OPEN,
                null,
                "the review window of allocation " + allocationId + " ends at " + reviewEndsAt);
        AllocationFinalized finalized =
                new AllocationFinalized(allocationId, releaseId, currency, pool, lines, at);
        apply(finalized);
        return finalized;
    }

    @EventSourcingHandler
    void on(AllocationProposed event) {
        allocationId = event.allocationId();
        releaseId = event.releaseId();
        currency = event.currency();
        pool = event.pool();
        reviewDays = event.reviewDays();
        reviewEndsAt = event.reviewEndsAt();
        lines = event.lines();
    }

    @EventSourcingHandler
    void on(AllocationRevised event) {
        revision = event.revision();
        lines = event.lines();
        reviewEndsAt = event.reviewEndsAt();
    }

    @EventSourcingHandler
    void on(AllocationFinalized event) {
        finalized = true;
    }

    private void requireOpen() {
        Refusal.require(
                !finalized,
                ErrorCode.ALLOCATION_FINALIZED,
                null,
                "allocation " + allocationId + " is finalized; corrections are adjustments");
    }

    /**
     * The shares were computed from read models; a record they credit that was taken down since
     * then would be paid on a stale split. Holding the records' rows until this command commits
     * orders any takedown after the proposal, as for a remix.
     */
    public static void requireStillLive(
            java.util.Collection<String> creditedRecordIds, LedgerCatalog catalog) {
        Refusal.require(
                creditedRecordIds != null && !creditedRecordIds.isEmpty(),
                ErrorCode.INVALID_SHARES,
                "shares",
                "an allocation names the records its shares credit");
        var states = catalog.lockRecords(creditedRecordIds);
        for (String recordId : creditedRecordIds) {
            var state = states.get(recordId);
            Refusal.require(
                    state != null && !state.takenDown(),
                    ErrorCode.STALE_ATTRIBUTION,
                    null,
                    "record "
                            + recordId
                            + " was taken down after the attribution was computed; propose again");
        }
    }

    /** Refuses a review window outside [0, 365] days. */
    public static void requireReviewDays(int reviewDays) {
        Refusal.require(
                reviewDays >= 0 && reviewDays <= 365,
                ErrorCode.INVALID_INPUT,
                "reviewDays",
                "reviewDays must lie in [0, 365]");
    }

    /**
     * Splits the pool by exact shares with the largest-remainder rule; the amounts sum to the pool.
     */
    public static List<AllocationLine> split(long pool, Map<String, String> textShares) {
        Refusal.require(
                textShares != null && !textShares.isEmpty(),
                ErrorCode.INVALID_SHARES,
                "shares",
                "an allocation needs at least one payable artist");
        Map<String, Fraction> shares = new TreeMap<>();
        Fraction sum = Fraction.ZERO;
        for (Map.Entry<String, String> share : textShares.entrySet()) {
            String artistId = Text.id(share.getKey(), "shares");
            Fraction exact = Fraction.parse(share.getValue(), "shares." + artistId);
            shares.put(artistId, exact);
            sum = sum.plus(exact);
        }
        Refusal.require(
                sum.equals(Fraction.ONE),
                ErrorCode.INVALID_SHARES,
                "shares",
                "shares must sum to exactly 1, not " + sum);
        Map<String, Long> amounts = LargestRemainder.split(pool, shares);
        List<AllocationLine> lines = new ArrayList<>();
        shares.forEach(
                (artist, share) ->
                        lines.add(new AllocationLine(artist, share, amounts.get(artist))));
        return lines;
    }
}
