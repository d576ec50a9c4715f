package org.collabledger.projections.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.collabledger.projections.GlobalPosition;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.collabledger.domain.record.Citation;
import org.collabledger.domain.record.RecordEvent.CitationAdded;
import org.collabledger.domain.record.RecordEvent.CitationRemoved;
import org.collabledger.domain.record.RecordEvent.RecordRemixed;
import org.collabledger.domain.record.RecordEvent.RecordTakenDown;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;

/**
 * Feeds the lineage read model from a tracking processor. Each batch's rows are written to the
 * tables just before the processor's transaction (with its token) commits, and applied to the
 * in-memory graph only after it has committed, so memory never holds a fact the tables lost. Every
 * fact is keyed by its event's global position, which is also the processor's token there.
 */
@ProcessingGroup(LineageProjection.PROCESSING_GROUP)
public class LineageProjection {

    /** The tracking processor that runs this projection. */
    public static final String PROCESSING_GROUP = "lineage";

    private static final String BATCH = LineageProjection.class.getName() + ".batch";

    private final LineageGraph graph;
    private final LineageStore store;

    public LineageProjection(LineageGraph graph, LineageStore store) {
        this.graph = graph;
        this.store = store;
    }

    @EventHandler
    void on(RecordUploaded event, TrackingToken token, EventMessage<?> message) {
        long at = GlobalPosition.of(token);
        UUID eventId = UUID.fromString(message.getIdentifier());
        Batch batch = batch();
        batch.records.add(new LineageStore.RecordRow(UUID.fromString(event.recordId()),
                UUID.fromString(event.creatorId()), event.title(), event.mediaType(), at, eventId));
        batch.change(g -> g.addRecord(UUID.fromString(event.recordId()), UUID.fromString(event.creatorId()),
                event.title(), event.mediaType(), at, eventId));
        batch.reached(at);
    }

    @EventHandler
    void on(RecordRemixed event, TrackingToken token, EventMessage<?> message) {
        long at = GlobalPosition.of(token);
        UUID eventId = UUID.fromString(message.getIdentifier());
        Batch batch = batch();
        UUID record = UUID.fromString(event.recordId());
        batch.records.add(new LineageStore.RecordRow(record, UUID.fromString(event.creatorId()), event.title(),
                event.mediaType(), at, eventId));
        batch.change(g -> g.addRecord(record, UUID.fromString(event.creatorId()), event.title(),
                event.mediaType(), at, eventId));
        for (Citation citation : event.resources()) {
            UUID resource = UUID.fromString(citation.resourceId());
            batch.citations.add(new LineageStore.CitationRow(record, resource, citation.weight(), at, eventId));
            batch.change(g -> g.addCitation(record, resource, citation.weight(), at, eventId));
        }
        batch.reached(at);
    }

    @EventHandler
    void on(CitationAdded event, TrackingToken token, EventMessage<?> message) {
        long at = GlobalPosition.of(token);
        UUID eventId = UUID.fromString(message.getIdentifier());
        Batch batch = batch();
        UUID record = UUID.fromString(event.recordId());
        UUID resource = UUID.fromString(event.citation().resourceId());
        batch.citations.add(new LineageStore.CitationRow(record, resource, event.citation().weight(), at, eventId));
        batch.change(g -> g.addCitation(record, resource, event.citation().weight(), at, eventId));
        batch.reached(at);
    }

    @EventHandler
    void on(CitationRemoved event, TrackingToken token) {
        long at = GlobalPosition.of(token);
        Batch batch = batch();
        UUID record = UUID.fromString(event.recordId());
        UUID resource = UUID.fromString(event.resourceId());
        batch.flushInserts(store);
        store.removeCitation(record, resource, at);
        batch.change(g -> g.removeCitation(record, resource, at));
        batch.reached(at);
    }

    @EventHandler
    void on(RecordTakenDown event, TrackingToken token) {
        long at = GlobalPosition.of(token);
        Batch batch = batch();
        UUID record = UUID.fromString(event.recordId());
        batch.flushInserts(store);
        store.takeDown(record, at);
        batch.change(g -> g.takeDown(record, at));
        batch.reached(at);
    }

    /** Empties tables and memory before a replay from the first event. */
    @ResetHandler
    public void reset() {
        store.clear();
        graph.write(graph::clear);
    }

    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            // On a node that just took the processor over, memory lags the tables another node wrote.
            store.catchUp(graph);
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(u -> {
                batch.flushInserts(store);
                store.savePosition(batch.position);
            });
            // A reader's catch-up between the commit and this may already have applied the batch from the
            // tables: it reads every fact up to the stored position, so memory then stands at the batch's end.
            unitOfWork.afterCommit(u -> graph.write(() -> {
                if (graph.position() < batch.position) {
                    batch.memory.forEach(change -> change.accept(graph));
                    graph.advanceTo(batch.position);
                }
            }));
            return batch;
        });
    }

    /** What one transaction of the processor will write: rows for the tables, and changes for memory. */
    private static final class Batch {
        final List<LineageStore.RecordRow> records = new ArrayList<>();
        final List<LineageStore.CitationRow> citations = new ArrayList<>();
        final List<Consumer<LineageGraph>> memory = new ArrayList<>();
        long position;

        void change(Consumer<LineageGraph> apply) {
            memory.add(apply);
        }

        void reached(long at) {
            position = Math.max(position, at);
        }

        /** Writes pending inserts now, so an update that follows in the same batch finds its row. */
        void flushInserts(LineageStore store) {
            store.insertRecords(records);
            store.insertCitations(citations);
            records.clear();
            citations.clear();
        }
    }
}
