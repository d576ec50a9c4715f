package org.collabledger.domain.treasury;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on the treasury of one currency: balances, payouts, payments and adjustments. */
public sealed interface TreasuryCommand {

    /**
     * Pay every balance at or above {@code threshold} (default: 10 major units); defer the rest.
     */
    record RunPayout(
            @TargetAggregateIdentifier String treasuryId,
            String runId,
            Long threshold,
            String rail,
            String reference,
            Instant at)
            implements TreasuryCommand {}

    /** The payment reached the artist. */
    record SettlePayment(
            @TargetAggregateIdentifier String treasuryId, String paymentId, String externalRef)
            implements TreasuryCommand {}

    /** The payment did not go through; its amount returns to the balance. */
    record FailPayment(
            @TargetAggregateIdentifier String treasuryId, String paymentId, String reason)
            implements TreasuryCommand {}

    /**
     * A settled payment came back (a chargeback, a returned transfer); its amount returns to the
     * balance.
     */
    record ReversePayment(
            @TargetAggregateIdentifier String treasuryId, String paymentId, String reason)
            implements TreasuryCommand {}

    /**
     * Correct a balance by a signed amount, naming the event the correction is about. {@code
     * correctedEventType} is the stored type of the event {@code correctedEventId} names, as the
     * sender found it in the event store ({@code null} when the store holds no such event); the
     * treasury decides whether it may be corrected.
     */
    record RecordAdjustment(
            String currency,
            String adjustmentId,
            String artistId,
            long amount,
            String reason,
            String correctedEventId,
            String correctedEventType)
            implements TreasuryCommand {}
}
