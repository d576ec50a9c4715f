package org.collabledger.domain.treasury;

import java.time.Instant;
import java.util.List;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.shared.EventType;

/** Facts about the money owed and paid in one currency. */
public sealed interface TreasuryEvent {

    String treasuryId();

    /** A finalized allocation's amounts were added to its artists' balances. */
    @EventType(name = "treasury.allocation-credited")
    record AllocationCredited(
            String treasuryId,
            String currency,
            String allocationId,
            String releaseId,
            long pool,
            List<AllocationLine> lines)
            implements TreasuryEvent {}

    /** A balance was corrected by a signed amount. */
    @EventType(name = "treasury.adjustment-recorded")
    record AdjustmentRecorded(
            String treasuryId,
            String currency,
            String adjustmentId,
            String artistId,
            long amount,
            String reason,
            String correctedEventId)
            implements TreasuryEvent {}

    /** A payout run began with this minimum payout threshold. */
    @EventType(name = "treasury.payout-run-started")
    record PayoutRunStarted(
            String treasuryId,
            String currency,
            String runId,
            long threshold,
            String rail,
            Instant at)
            implements TreasuryEvent {}

    /** A whole balance was paid out to an artist. */
    @EventType(name = "treasury.payment-issued")
    record PaymentIssued(
            String treasuryId,
            String currency,
            String runId,
            String paymentId,
            String artistId,
            long amount,
            String rail,
            String externalRef)
            implements TreasuryEvent {}

    /** A balance below the threshold was carried to the next run. */
    @EventType(name = "treasury.payout-deferred")
    record PayoutDeferred(
            String treasuryId,
            String currency,
            String runId,
            String artistId,
            long balance,
            long threshold)
            implements TreasuryEvent {}

    /** The payment reached the artist. */
    @EventType(name = "treasury.payment-settled")
    record PaymentSettled(
            String treasuryId,
            String currency,
            String paymentId,
            String artistId,
            long amount,
            String externalRef)
            implements TreasuryEvent {}

    /** The payment failed; its amount is back on the balance. */
    @EventType(name = "treasury.payment-failed")
    record PaymentFailed(
            String treasuryId,
            String currency,
            String paymentId,
            String artistId,
            long amount,
            String reason)
            implements TreasuryEvent {}

    /** The settled payment was reversed; its amount is back on the balance. */
    @EventType(name = "treasury.payment-reversed")
    record PaymentReversed(
            String treasuryId,
            String currency,
            String paymentId,
            String artistId,
            long amount,
            String reason)
            implements TreasuryEvent {}
}
