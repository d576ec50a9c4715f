package org.collabledger.domain.collaboration;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Commands on a collaboration. */
public sealed interface CollaborationCommand {

    /** Open a call for submissions with a theme and a prompt. */
    record OpenCollaboration(
            @TargetAggregateIdentifier String collaborationId,
            String title,
            String theme,
            String prompt)
            implements CollaborationCommand {}

    /** Stop taking submissions. */
    record CloseCollaboration(@TargetAggregateIdentifier String collaborationId)
            implements CollaborationCommand {}

    /** Submit an existing record to an open collaboration. */
    record SubmitRecord(@TargetAggregateIdentifier String collaborationId, String recordId)
            implements CollaborationCommand {}
}
