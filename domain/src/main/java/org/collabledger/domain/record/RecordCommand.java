package org.collabledger.domain.record;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a record. */
public sealed interface RecordCommand {

    /** Upload a record; with a non-empty {@code resources} list it is a remix of them. */
    record UploadRecord(
            @TargetAggregateIdentifier String recordId,
            String creatorId,
            String title,
            MediaType mediaType,
            String contentDigest,
            String contentUri,
            List<Citation> resources)
            implements RecordCommand {}

    /** Take a record down (a copyright claim, say); it stays in the lineage, marked. */
    record TakeDownRecord(@TargetAggregateIdentifier String recordId, String reason)
            implements RecordCommand {}

    /** A curator adds a missing resource citation to a record. */
    record AddCitation(
            @TargetAggregateIdentifier String recordId,
            String resourceId,
            int weight,
            String reason)
            implements RecordCommand {}

    /** A curator removes a wrong resource citation from a record. */
    record RemoveCitation(
            @TargetAggregateIdentifier String recordId, String resourceId, String reason)
            implements RecordCommand {}
}
