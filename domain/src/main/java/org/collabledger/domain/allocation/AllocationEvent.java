package org.collabledger.domain.allocation;

import java.time.Instant;
import java.util.List;
import org.collabledger.domain.shared.EventType;

/** Facts about an allocation. */
public sealed interface AllocationEvent {

    String allocationId();

    /** A pool was proposed for payment, split by exact shares into whole minor units per artist. */
    @EventType(name = "allocation.proposed")
    record AllocationProposed(
            String allocationId,
            String releaseId,
            String currency,
            long pool,
            List<AllocationLine> lines,
            int reviewDays,
            Instant reviewEndsAt,
            long attributionPosition,
            Instant proposedAt)
            implements AllocationEvent {}

    /** An artist commented on the proposal. */
    @EventType(name = "allocation.comment-filed")
    record CommentFiled(String allocationId, String artistId, Claim claim, String text)
            implements AllocationEvent {}

    /** The proposal was replaced by a new split of the same pool; the comments stay. */
    @EventType(name = "allocation.revised")
    record AllocationRevised(
            String allocationId,
            int revision,
            List<AllocationLine> lines,
            Instant reviewEndsAt,
            long attributionPosition,
            String reason)
            implements AllocationEvent {}

    /** The allocation is final: these amounts are owed to these artists and will never change. */
    @EventType(name = "allocation.finalized")
    record AllocationFinalized(
            String allocationId,
            String releaseId,
            String currency,
            long pool,
            List<AllocationLine> lines,
            Instant finalizedAt)
            implements AllocationEvent {}
}
