package org.collabledger.projections.lineage;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.collabledger.domain.record.RecordEvent;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Drops and rebuilds the lineage from the stored events in bulk: one streaming read of the record
 * events, the graph built in memory, its tables written once from the result, and the processor's
 * token set to where the read ended, all in the caller's transaction. A tracking processor replay
 * does the same work one unit of work and one row at a time, several times slower; the processor
 * must be stopped while this runs.
 */
public final class LineageBulkRebuild {

    private static final List<String> TYPES =
            List.of(
                    "record.uploaded",
                    "record.remixed",
                    "record.citation-added",
                    "record.citation-removed",
                    "record.taken-down");

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final LineageGraph graph;
    private final LineageStore store;
    private final TokenStore tokens;

    public LineageBulkRebuild(
            JdbcTemplate jdbc,
            Serializer serializer,
            LineageGraph graph,
            LineageStore store,
            TokenStore tokens) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.graph = graph;
        this.store = store;
        this.tokens = tokens;
    }

    /**
     * Rebuilds from every event up to {@code head} and returns how many events were read. No event
     * ever appears at or below a position already numbered, so the processor goes on from {@code
     * head} with no gaps.
     */
    public long rebuild(long head) {
        long[] read = {0};
        graph.write(
                () -> {
                    graph.clear();
                    store.clear();
                    try (Applier applier = new Applier()) {
                        jdbc.query(
                                connection -> {
                                    var statement =
                                            connection.prepareStatement(
                                                    "select global_index, event_identifier, "
                                                            + "payload_type, payload_revision, payload from domain_event_entry where global_index <= ? "
                                                            + "and payload_type in (?, ?, ?, ?, ?) order by global_index");
                                    statement.setFetchSize(5_000);
                                    statement.setLong(1, head);
                                    for (int i = 0; i < TYPES.size(); i++) {
                                        statement.setString(i + 2, TYPES.get(i));
                                    }
                                    return statement;
                                },
                                rs -> {
                                    applier.add(
                                            new Row(
                                                    rs.getLong(1),
                                                    rs.getString(2),
                                                    rs.getString(3),
                                                    rs.getString(4),
                                                    rs.getBytes(5)));
                                    read[0]++;
                                });
                        applier.finish();
                    }
                    store.insertAll(graph);
                    graph.advanceTo(head);
                    store.savePosition(head);
                });
        tokens.storeToken(
                GapAwareTrackingToken.newInstance(head, List.of()),
                LineageProjection.PROCESSING_GROUP,
                0);
        return read[0];
    }

    /** One stored event as read, not yet deserialized. */
    private record Row(long at, String eventId, String type, String revision, byte[] payload) {}

    /**
     * Deserializes rows and applies them to the graph on a second thread, in the order given, while
     * the caller reads the next rows: alone, the reader waited for each fetch while the database
     * waited for the reader, and neither kept a core busy. The caller holds the graph's write lock
     * throughout and reads the graph only after {@link #finish}, which waits for every row to be
     * applied.
     */
    private final class Applier implements AutoCloseable {
        private static final int BATCH = 1_000;
        private static final List<Row> END = List.of();

        private final BlockingQueue<List<Row>> handoff = new ArrayBlockingQueue<>(8);
        private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        private final Thread worker = new Thread(this::work, "lineage-rebuild");
        private List<Row> batch = new ArrayList<>(BATCH);

        Applier() {
            worker.setDaemon(true);
            worker.start();
        }

        void add(Row row) {
            batch.add(row);
            if (batch.size() == BATCH) {
                hand(batch);
                batch = new ArrayList<>(BATCH);
            }
        }

        /** Waits until every row added has been applied; throws what applying one of them threw. */
        void finish() {
            if (!batch.isEmpty()) {
                hand(batch);
            }
            hand(END);
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "interrupted while the lineage rebuild applied events", e);
            }
            rethrow();
        }

        private void hand(List<Row> rows) {
            try {
                while (!handoff.offer(rows, 100, TimeUnit.MILLISECONDS)) {
                    rethrow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(
                        "interrupted while the lineage rebuild read events", e);
            }
        }

        private void rethrow() {
            if (failure.get() != null) {
                throw failure.get();
            }
        }

        private void work() {
            try {
                for (List<Row> rows = handoff.take(); rows != END; rows = handoff.take()) {
                    for (Row row : rows) {
                        RecordEvent event =
                                serializer.deserialize(
                                        new SimpleSerializedObject<>(
                                                row.payload(),
                                                byte[].class,
                                                new SimpleSerializedType(
                                                        row.type(), row.revision())));
                        LineageFact.of(event, row.at(), UUID.fromString(row.eventId()))
                                .forEach(graph::apply);
                    }
                }
            } catch (InterruptedException stopped) {
                failure.compareAndSet(
                        null, new IllegalStateException("the lineage rebuild was stopped"));
            } catch (RuntimeException failed) {
                failure.compareAndSet(null, failed);
            } catch (Error failed) {
                // Recorded, or the reader would wait on a full hand-off forever.
                failure.compareAndSet(
                        null, new IllegalStateException("the lineage rebuild failed", failed));
                throw failed;
            }
        }

        /**
         * Stops the worker when the read failed before {@link #finish}; the caller's transaction
         * rolls back.
         */
        @Override
        public void close() {
            if (worker.isAlive()) {
                worker.interrupt();
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
