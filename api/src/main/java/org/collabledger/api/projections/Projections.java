package org.collabledger.api.projections;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.collabledger.api.web.NotFound;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.projections.directory.DirectoryProjection;
import org.collabledger.projections.lineage.LineageBulkRebuild;
import org.collabledger.projections.lineage.LineageGraph;
import org.collabledger.projections.lineage.LineageProjection;
import org.collabledger.projections.lineage.LineageStore;
import org.collabledger.projections.money.MoneyProjection;
import org.collabledger.projections.release.ReleaseProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where each projection's processor stands in the global stream, and dropping and rebuilding one.
 */
@Component
public class Projections {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Optional<LineageBulkRebuild> lineageRebuild;
    private final LineageGraph lineageGraph;
    private final LineageStore lineageStore;
    private final TransactionTemplate transaction;

    private static final long SEGMENT_COUNT_TTL = Duration.ofSeconds(2).toNanos();

    /** The tracking processors of the read models, which every read waits for. */
    public static final List<String> READ_MODELS =
            List.of(
                    LineageProjection.PROCESSING_GROUP,
                    ReleaseProjection.PROCESSING_GROUP,
                    MoneyProjection.PROCESSING_GROUP,
                    DirectoryProjection.PROCESSING_GROUP);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    /**
     * Per processor, its segment count in the token store and until when (nanoTime) that count is
     * trusted.
     */
    private final Map<String, SegmentCount> segmentCounts =
            new java.util.concurrent.ConcurrentHashMap<>();

    public Projections(
            EventProcessingConfiguration processing,
            EventStore eventStore,
            Optional<LineageBulkRebuild> lineageRebuild,
            LineageGraph lineageGraph,
            LineageStore lineageStore,
            TransactionTemplate transaction,
            JdbcTemplate jdbc,
            Serializer serializer) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
        this.eventStore = eventStore;
        this.lineageRebuild = lineageRebuild;
        this.lineageGraph = lineageGraph;
        this.lineageStore = lineageStore;
        this.transaction = transaction;
    }

    /** The global position of the newest stored event, 0 when there is none. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? 0 : head.position().orElse(0);
    }

    /**
     * The position up to which {@code name} has processed every event: no event ever appears below
     * a position already read, so answers at or below it do not change. When this node runs every
     * segment of the processor, its own trackers say; otherwise (other nodes share the token store
     * and run some or all segments) the stored tokens do, and this node's lineage graph is then
     * brought up to the tables the running node wrote, which hold every lineage fact up to its
     * token.
     */
    public long position(String name) {
        long position = processed(name);
        // After the tokens are read, so memory then holds every fact up to them: memory lags them
        // on a node that
        // follows another node's processor, or that just took the processor over and answers before
        // its first batch.
        if (LineageProjection.PROCESSING_GROUP.equals(name)
                && lineageGraph.read(lineageGraph::position) < position) {
            lineageStore.catchUp(lineageGraph);
        }
        return position;
    }

    /**
     * The position every read model has reached: a read answering now reflects every event up to
     * it.
     */
    public long reached() {
        return reached(READ_MODELS);
    }

    /**
     * The position the named read models have all reached; refused for a name that is not a read
     * model, so a mistyped one cannot make a read wait for nothing.
     */
    public long reached(List<String> readModels) {
        long reached = Long.MAX_VALUE;
        for (String name : readModels) {
            if (!READ_MODELS.contains(name)) {
                throw new IllegalArgumentException(name + " is not a read model: " + READ_MODELS);
            }
            reached = Math.min(reached, position(name));
        }
        return reached;
    }

    private long processed(String name) {
        Map<Integer, EventTrackerStatus> status = processor(name).processingStatus();
        if (!status.isEmpty() && status.size() >= segments(name)) {
            return status.values().stream()
                    .mapToLong(s -> s.getCurrentPosition().orElse(0))
                    .min()
                    .orElse(0);
        }
        List<Long> stored = storedPositions(name);
        remember(name, stored.size());
        return stored.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /**
     * How many segments {@code name} has in the token store, remembered briefly: the commands that
     * wait for a projection ask this many times a second, and segments are split or merged rarely.
     */
    private long segments(String name) {
        SegmentCount known = segmentCounts.get(name);
        if (known != null && known.until() - System.nanoTime() > 0) {
            return known.count();
        }
        return remember(name, storedPositions(name).size());
    }

    private long remember(String name, long count) {
        segmentCounts.put(name, new SegmentCount(count, System.nanoTime() + SEGMENT_COUNT_TTL));
        return count;
    }

    private record SegmentCount(long count, long until) {}

    /**
     * The positions of {@code name}'s segments in the shared token store, one per segment (0 before
     * the first event).
     */
    private List<Long> storedPositions(String name) {
        return jdbc.query(
                "select token, token_type from token_entry where processor_name = ?",
                (rs, row) -> {
                    byte[] token = rs.getBytes(1);
                    if (token == null) {
                        return 0L;
                    }
                    TrackingToken stored =
                            serializer.deserialize(
                                    new SimpleSerializedObject<>(
                                            token, byte[].class, rs.getString(2), null));
                    return stored.position().orElse(0);
                },
                name);
    }

    /**
     * The position a read answers at: the one asked for, or everything the named projections have
     * processed. A position they have not reached yet is answered as of the newest one they have,
     * and the answer reports it.
     */
    public long asOf(Long asked, String... names) {
        Refusal.require(
                asked == null || asked >= 0,
                ErrorCode.INVALID_INPUT,
                "asOf",
                "asOf must not be negative");
        long reached = java.util.Arrays.stream(names).mapToLong(this::position).min().orElse(0);
        return asked == null ? reached : Math.min(asked, reached);
    }

    /** True while {@code name} is replaying after a reset. */
    public boolean replaying(String name) {
        return processor(name).isReplaying();
    }

    /** Waits until {@code name} has processed everything stored when the call began. */
    public void awaitCaughtUp(String name, Duration timeout) {
        long target = head();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (position(name) < target || replaying(name)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name + " did not reach position " + target + " within " + timeout);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
    }

    /**
     * Drops the read model of {@code name} and rebuilds it from the first event: the lineage in
     * bulk from the JDBC event table (its processor stopped meanwhile), everything else, and the
     * lineage on other engines, by replaying their processor from the start.
     */
    public void rebuild(String name) {
        TrackingEventProcessor processor = processor(name);
        processor.shutDown();
        if (LineageProjection.PROCESSING_GROUP.equals(name) && lineageRebuild.isPresent()) {
            try {
                transaction.executeWithoutResult(status -> lineageRebuild.get().rebuild(head()));
            } catch (RuntimeException failed) {
                // The tables rolled back; memory must not keep the half-built graph.
                lineageStore.load(lineageGraph);
                throw failed;
            } finally {
                processor.start();
            }
            return;
        }
        processor.resetTokens();
        processor.start();
    }

    private TrackingEventProcessor processor(String name) {
        return processing
                .eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new NotFound("no projection '" + name + "'"));
    }
}
