package org.collabledger.domain.collaboration;

import org.collabledger.domain.shared.EventType;

/** Facts about a collaboration. */
public sealed interface CollaborationEvent {

    String collaborationId();

    /** An open call started taking submissions. */
    @EventType(name = "collaboration.opened")
    record CollaborationOpened(String collaborationId, String title, String theme, String prompt)
            implements CollaborationEvent {}

    /** The call stopped taking submissions. */
    @EventType(name = "collaboration.closed")
    record CollaborationClosed(String collaborationId) implements CollaborationEvent {}

    /** A record was submitted to the call by its creator's side. */
    @EventType(name = "collaboration.record-submitted")
    record RecordSubmitted(String collaborationId, String recordId, String creatorId)
            implements CollaborationEvent {}
}
