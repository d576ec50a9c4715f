package org.collabledger.domain.release;

import java.util.List;
import org.collabledger.domain.shared.EventType;

/** Facts about a release. */
public sealed interface ReleaseEvent {

    String releaseId();

    /** A production was opened with its funding and the attribution policy that will govern it. */
    @EventType(name = "release.opened")
    record ReleaseOpened(String releaseId, String title, ReleaseKind kind, Funding funding,
                         AttributionPolicy policy, String collaborationId) implements ReleaseEvent {
    }

    /** A curator selected a record into the release. */
    @EventType(name = "release.contribution-selected")
    record ContributionSelected(String releaseId, String recordId, String creatorId, int weight, String role)
            implements ReleaseEvent {
    }

    /** A curator withdrew a selection before publication. */
    @EventType(name = "release.selection-withdrawn")
    record SelectionWithdrawn(String releaseId, String recordId, String reason) implements ReleaseEvent {
    }

    /** The release was published; its selection and policy are frozen as listed here. */
    @EventType(name = "release.published")
    record ReleasePublished(String releaseId, List<Selection> selection, AttributionPolicy policy)
            implements ReleaseEvent {
    }
}
