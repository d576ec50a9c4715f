package org.collabledger.api.projections;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.collabledger.projections.attribution.AttributionQueries;
import org.collabledger.projections.attribution.AttributionQueries.AllocationBasis;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.release.ReleaseProjection;
import org.springframework.stereotype.Component;

/**
 * The attribution an allocation is proposed or revised on: a release's split read once the lineage
 * and release read models hold every event stored when asked, so a proposal never pays on a split
 * that misses a remix or a selection the ledger already acknowledged.
 */
@Component
public class CurrentAttribution {

    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    private final Projections projections;
    private final AttributionQueries attribution;

    public CurrentAttribution(Projections projections, AttributionQueries attribution) {
        this.projections = projections;
        this.attribution = attribution;
    }

    /**
     * The release's basis for an allocation, as of the position both read models have reached;
     * empty if none.
     */
    public Optional<AllocationBasis> basis(String releaseId) {
        for (String projection :
                List.of(LineageProjection.PROCESSING_GROUP, ReleaseProjection.PROCESSING_GROUP)) {
            projections.awaitCaughtUp(projection, CATCH_UP);
        }
        long position =
                Math.min(
                        projections.position(LineageProjection.PROCESSING_GROUP),
                        projections.position(ReleaseProjection.PROCESSING_GROUP));
        return attribution.basis(releaseId, position);
    }
}
