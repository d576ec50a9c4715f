package org.collabledger.domain.attribution;

import java.util.List;
import java.util.Optional;
import org.collabledger.domain.record.Citation;

/** What attribution needs to know of the lineage, as it stood at the position being attributed. */
public interface LineageSource {

    /** The record's creator, whether it is taken down, and the resources it cites, if it exists. */
    Optional<RecordFacts> record(String recordId);

    /** One record as attribution sees it. */
    record RecordFacts(
            String recordId, String creatorId, boolean takenDown, List<Citation> resources) {}
}
