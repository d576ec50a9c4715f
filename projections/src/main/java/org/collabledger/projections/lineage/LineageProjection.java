package org.collabledger.projections.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.collabledger.domain.record.RecordEvent;
import org.collabledger.projections.GlobalPosition;

/**
 * Feeds the lineage read model from a tracking processor. Each batch's facts are written to the
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
    void on(RecordEvent event, TrackingToken token, EventMessage<?> message) {
        long at = GlobalPosition.of(token);
        Batch batch = batch();
        batch.facts.addAll(LineageFact.of(event, at, UUID.fromString(message.getIdentifier())));
        batch.position = Math.max(batch.position, at);
    }

    /** Empties tables and memory before a replay from the first event. */
    @ResetHandler
    public void reset() {
        store.clear();
        graph.write(graph::clear);
    }

    private Batch batch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(
                BATCH,
                key -> {
                    // On a node that just took the processor over, memory lags the tables another
                    // node wrote.
                    store.catchUp(graph);
                    Batch batch = new Batch();
                    unitOfWork.onPrepareCommit(
                            u -> {
                                store.write(batch.facts);
                                store.savePosition(batch.position);
                            });
                    // A reader's catch-up between the commit and this may already have applied the
                    // batch from the
                    // tables: it reads every fact up to the stored position, so memory then stands
                    // at the batch's end.
                    unitOfWork.afterCommit(
                            u ->
                                    graph.write(
                                            () -> {
                                                if (graph.position() < batch.position) {
                                                    batch.facts.forEach(graph::apply);
                                                    graph.advanceTo(batch.position);
                                                }
                                            }));
                    return batch;
                });
    }

    /**
     * What one transaction of the processor makes true, written to the tables and then to memory.
     */
    private static final class Batch {
        final List<LineageFact> facts = new ArrayList<>();
        long position;
    }
}
