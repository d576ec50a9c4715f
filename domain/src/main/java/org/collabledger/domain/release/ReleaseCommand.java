package org.collabledger.domain.release;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Commands on a release. Fractions arrive as {@code "n/d"} text and are checked by the aggregate.
 */
public sealed interface ReleaseCommand {

    /**
     * Open a release with its funding and attribution policy; {@code null} options take the
     * defaults.
     */
    record OpenRelease(
            @TargetAggregateIdentifier String releaseId,
            String title,
            ReleaseKind kind,
            FundingModel fundingModel,
            String poolRate,
            Long budgetAmount,
            String budgetCurrency,
            String retention,
            List<String> waivedArtistIds,
            String collaborationId)
            implements ReleaseCommand {}

    /** Select a record into the release with a weight and a role. */
    record SelectContribution(
            @TargetAggregateIdentifier String releaseId, String recordId, int weight, String role)
            implements ReleaseCommand {}

    /** Withdraw a selected record before publication. */
    record WithdrawSelection(
            @TargetAggregateIdentifier String releaseId, String recordId, String reason)
            implements ReleaseCommand {}

    /** Publish: freezes the selection and the policy. */
    record PublishRelease(@TargetAggregateIdentifier String releaseId) implements ReleaseCommand {}

    /**
     * Finance records revenue or a cost of a published release, from a source such as a sales
     * report.
     */
    record RecordEntry(
            @TargetAggregateIdentifier String releaseId,
            String entryId,
            Entry entry,
            long amount,
            String currency,
            String period,
            String sourceRef)
            implements ReleaseCommand {}

    /** Finance reverses a revenue or cost entry that was wrong; the entry stays in the history. */
    record ReverseEntry(@TargetAggregateIdentifier String releaseId, String entryId, String reason)
            implements ReleaseCommand {}

    /**
     * Propose paying a pool to the release's artists by the given exact shares (the release's
     * attribution at {@code attributionPosition}). {@code pool} is named only for a BUDGET release;
     * a PROFIT_SHARE pool is computed from the net proceeds not yet allocated.
     */
    record ProposeAllocation(
            @TargetAggregateIdentifier String releaseId,
            String allocationId,
            String currency,
            Long pool,
            Integer reviewDays,
            java.util.Map<String, String> shares,
            List<String> creditedRecordIds,
            long attributionPosition,
            java.time.Instant at)
            implements ReleaseCommand {}
}
