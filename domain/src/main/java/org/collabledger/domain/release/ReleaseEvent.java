package org.collabledger.domain.release;

import java.util.List;
import org.collabledger.domain.shared.EventType;

/** Facts about a release. */
public sealed interface ReleaseEvent {

    String releaseId();

    /** A production was opened with its funding and the attribution policy that will govern it. */
    @EventType(name = "release.opened")
    record ReleaseOpened(
            String releaseId,
            String title,
            ReleaseKind kind,
            Funding funding,
            AttributionPolicy policy,
            String collaborationId)
            implements ReleaseEvent {}

    /** A curator selected a record into the release. */
    @EventType(name = "release.contribution-selected")
    record ContributionSelected(
            String releaseId, String recordId, String creatorId, int weight, String role)
            implements ReleaseEvent {}

    /** A curator withdrew a selection before publication. */
    @EventType(name = "release.selection-withdrawn")
    record SelectionWithdrawn(String releaseId, String recordId, String reason)
            implements ReleaseEvent {}

    /** Finance recorded money in or out for the release. */
    @EventType(name = "release.entry-recorded")
    record EntryRecorded(
            String releaseId,
            String entryId,
            Entry entry,
            org.collabledger.domain.shared.Money amount,
            String period,
            String sourceRef)
            implements ReleaseEvent {}

    /** A revenue or cost entry was wrong and no longer counts; it names the entry it corrects. */
    @EventType(name = "release.entry-reversed")
    record EntryReversed(
            String releaseId,
            String entryId,
            Entry entry,
            org.collabledger.domain.shared.Money amount,
            String reason)
            implements ReleaseEvent {}

    /**
     * A pool was set aside for an allocation: {@code netCovered} of the net proceeds (PROFIT_SHARE)
     * or {@code pool} of the budget (BUDGET), so no later allocation can pay the same money twice.
     */
    @EventType(name = "release.pool-reserved")
    record PoolReserved(
            String releaseId, String allocationId, String currency, long netCovered, long pool)
            implements ReleaseEvent {}

    /** The release was published; its selection and policy are frozen as listed here. */
    @EventType(name = "release.published")
    record ReleasePublished(String releaseId, List<Selection> selection, AttributionPolicy policy)
            implements ReleaseEvent {}
}
