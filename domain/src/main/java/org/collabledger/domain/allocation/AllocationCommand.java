package org.collabledger.domain.allocation;

import java.time.Instant;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on an allocation. */
public sealed interface AllocationCommand {

    /** An artist comments on the proposal during its review. */
    record FileComment(
            @TargetAggregateIdentifier String allocationId,
            String artistId,
            Claim claim,
            String text)
            implements AllocationCommand {}

    /**
     * Replace the proposal by a new one for the same pool, split by new shares; opens a new review
     * window.
     */
    record ReviseAllocation(
            @TargetAggregateIdentifier String allocationId,
            Map<String, String> shares,
            java.util.List<String> creditedRecordIds,
            long attributionPosition,
            String reason,
            Instant at)
            implements AllocationCommand {}

    /** Make the proposal final once its review window has ended; it then never changes. */
    record FinalizeAllocation(@TargetAggregateIdentifier String allocationId, Instant at)
            implements AllocationCommand {}
}
