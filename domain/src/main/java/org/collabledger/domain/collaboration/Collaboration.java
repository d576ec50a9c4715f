package org.collabledger.domain.collaboration;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.catalog.LedgerCatalog.RecordState;
import org.collabledger.domain.collaboration.CollaborationCommand.CloseCollaboration;
import org.collabledger.domain.collaboration.CollaborationCommand.OpenCollaboration;
import org.collabledger.domain.collaboration.CollaborationCommand.SubmitRecord;
import org.collabledger.domain.collaboration.CollaborationEvent.CollaborationClosed;
import org.collabledger.domain.collaboration.CollaborationEvent.CollaborationOpened;
import org.collabledger.domain.collaboration.CollaborationEvent.RecordSubmitted;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;

/** An open call ("Do you remember your first time?") to which artists submit records. */
public class Collaboration {

    @AggregateIdentifier private String collaborationId;
    private boolean closed;
    private final Set<String> submitted = new HashSet<>();

    protected Collaboration() {}

    @CommandHandler
    public Collaboration(OpenCollaboration command) {
        apply(
                new CollaborationOpened(
                        Text.id(command.collaborationId(), "collaborationId"),
                        Text.required(command.title(), "title", 200),
                        Text.required(command.theme(), "theme", 200),
                        Text.paragraph(command.prompt(), "prompt", 2000)));
    }

    @CommandHandler
    public void handle(CloseCollaboration command) {
        Refusal.require(
                !closed,
                ErrorCode.COLLABORATION_CLOSED,
                null,
                "collaboration " + collaborationId + " is already closed");
        apply(new CollaborationClosed(collaborationId));
    }

    @CommandHandler
    public void handle(SubmitRecord command, LedgerCatalog catalog) {
        String recordId = Text.id(command.recordId(), "recordId");
        Refusal.require(
                !closed,
                ErrorCode.COLLABORATION_CLOSED,
                null,
                "collaboration " + collaborationId + " is closed");
        Refusal.require(
                !submitted.contains(recordId),
                ErrorCode.ALREADY_SUBMITTED,
                "recordId",
                "record " + recordId + " is already submitted");
        RecordState record = catalog.lockRecords(List.of(recordId)).get(recordId);
        Refusal.require(
                record != null, ErrorCode.UNKNOWN_RECORD, "recordId", "no record " + recordId);
        Refusal.require(
                !record.takenDown(),
                ErrorCode.RECORD_TAKEN_DOWN,
                "recordId",
                "record " + recordId + " is taken down");
        apply(new RecordSubmitted(collaborationId, recordId, record.creatorId()));
    }

    @EventSourcingHandler
    void on(CollaborationOpened event) {
        collaborationId = event.collaborationId();
    }

    @EventSourcingHandler
    void on(CollaborationClosed event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(RecordSubmitted event) {
        submitted.add(event.recordId());
    }
}
