package org.collabledger.api.storage.kurrent;

import io.kurrent.dbclient.AppendStreamRequest;
import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.NotLeaderException;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamMetadata;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.WrongExpectedVersionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.serialization.Serializer;

/**
 * Axon's storage engine on KurrentDB through its gRPC client.
 *
 * <ul>
 *   <li>A unit of work's events for one aggregate go in one append to that aggregate's stream,
 *       expecting the revision just before its first event (no stream for a new aggregate): atomic,
 *       and a concurrent writer gets Axon's {@code ConcurrencyException} (or {@code
 *       AggregateStreamCreationException} for a reused id).
 *   <li>A unit of work touching several aggregates (finalizing an allocation credits the treasury)
 *       goes in one multi-stream append, atomic across the streams, which needs KurrentDB 25.1 or
 *       later; an older server refuses the command rather than half-writing it.
 *   <li>Tracking processors read {@code $all} in pages, skipping system events, with a {@link
 *       KurrentTrackingToken}; they may read from a follower through their own client.
 *   <li>Snapshots go to the aggregate's snapshot stream, of which the last written is read.
 * </ul>
 */
public final class KurrentEventStorageEngine extends AbstractEventStorageEngine {

    /** How often one append is sent when its answer is lost. */
    private static final int APPEND_ATTEMPTS = 3;

    /**
     * How far out of stamp order events may commit; {@link #createTokenAt} reads this far past its
     * bound.
     */
    private static final java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    private final KurrentDBClient writer;
    private final KurrentDBClient reader;
    private final int batchSize;
    private final Duration timeout;

    private KurrentEventStorageEngine(Builder builder) {
        super(builder);
        this.writer = builder.writer;
        this.reader = builder.reader != null ? builder.reader : builder.writer;
        this.batchSize = builder.batchSize;
        this.timeout = builder.timeout;
    }

    /** A builder; the writing client is required, the reading client defaults to it. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        // Each stream's messages and the rows they are stored as, in the order of the unit of work.
        Map<String, List<EventMessage<?>>> byStream = new LinkedHashMap<>();
        Map<String, List<EventRow>> rows = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            EventRow row = EventRow.of(event, serializer);
            String stream = KurrentEvents.streamOf(row);
            byStream.computeIfAbsent(stream, s -> new ArrayList<>()).add(event);
            rows.computeIfAbsent(stream, s -> new ArrayList<>()).add(row);
        }
        Map<String, List<EventData>> data = new LinkedHashMap<>();
        Map<String, StreamState> expected = new LinkedHashMap<>();
        rows.forEach(
                (stream, streamRows) -> {
                    data.put(stream, streamRows.stream().map(KurrentEvents::toEventData).toList());
                    expected.put(stream, KurrentEvents.expectedBefore(streamRows.get(0)));
                });
        try {
            if (data.size() == 1) {
                String stream = data.keySet().iterator().next();
                appendToOneStream(stream, expected.get(stream), data.get(stream));
            } else {
                appendToStreams(data, expected);
            }
        } catch (RuntimeException e) {
            EventMessage<?> failed = events.get(0);
            if (e instanceof WrongExpectedVersionException conflict
                    && byStream.containsKey(conflict.getStreamName())) {
                failed = byStream.get(conflict.getStreamName()).get(0);
            }
            handlePersistenceException(e, failed);
        }
    }

    /**
     * One append; when its answer is lost (a timeout, the node unavailable, a leader change) the
     * same events are sent again with the same ids and expected revision, which KurrentDB answers
     * as a success without writing them twice if the first attempt had landed.
     */
    private void appendToOneStream(String stream, StreamState expected, List<EventData> events) {
        AppendToStreamOptions options =
                AppendToStreamOptions.get().streamState(expected).deadline(timeout.toMillis());
        for (int attempt = 1; ; attempt++) {
            try {
                await(() -> writer.appendToStream(stream, options, events.iterator()));
                return;
            } catch (RuntimeException e) {
                if (attempt == APPEND_ATTEMPTS || !answerLost(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * One multi-stream append. Its re-sending is not documented as idempotent, so a lost answer is
     * settled by reading back the last event of each stream: all present means it landed (it is
     * atomic), none means the command fails and may be retried whole.
     */
    private void appendToStreams(
            Map<String, List<EventData>> data, Map<String, StreamState> expected) {
        List<AppendStreamRequest> requests = new ArrayList<>();
        data.forEach(
                (stream, streamEvents) ->
                        requests.add(
                                new AppendStreamRequest(
                                        stream, streamEvents.iterator(), expected.get(stream))));
        try {
            await(() -> writer.multiStreamAppend(requests.iterator()));
        } catch (RuntimeException e) {
            if (!answerLost(e)
                    || !data.entrySet().stream()
                            .allMatch(
                                    stream ->
                                            lastEventIs(
                                                    stream.getKey(),
                                                    stream.getValue()
                                                            .get(stream.getValue().size() - 1)))) {
                throw e;
            }
        }
    }

    private boolean lastEventIs(String stream, EventData event) {
        return readStream(stream, ReadStreamOptions.get().backwards().fromEnd().maxCount(1))
                .stream()
                .anyMatch(
                        resolved ->
                                resolved.getOriginalEvent()
                                        .getEventId()
                                        .equals(event.getEventId()));
    }

    private static boolean answerLost(RuntimeException e) {
        if (e instanceof NotLeaderException
                || e instanceof org.axonframework.eventsourcing.eventstore.EventStoreException) {
            return true;
        }
        io.grpc.Status.Code code = io.grpc.Status.fromThrowable(e).getCode();
        return code == io.grpc.Status.Code.UNAVAILABLE
                || code == io.grpc.Status.Code.DEADLINE_EXCEEDED;
    }

    /**
     * Snapshots go to the aggregate's snapshot stream; only its last event is read, so the stream
     * is told to keep one ({@code $maxCount}) and KurrentDB may scavenge the rest. The setting is
     * checked on every snapshot, so one lost write of it is made good by the next.
     */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        String stream = KurrentEvents.snapshotStream(snapshot.getAggregateIdentifier());
        await(
                () ->
                        writer.appendToStream(
                                stream,
                                AppendToStreamOptions.get().streamState(StreamState.any()),
                                KurrentEvents.toEventData(EventRow.of(snapshot, serializer))));
        StreamMetadata metadata = await(() -> writer.getStreamMetadata(stream));
        if (metadata.getMaxCount() == null || metadata.getMaxCount() != 1L) {
            StreamMetadata keepLast = new StreamMetadata();
            keepLast.setMaxCount(1L);
            await(() -> writer.setStreamMetadata(stream, keepLast));
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readEventData(
            String identifier, long firstSequenceNumber) {
        String stream = KurrentEvents.aggregateStream(identifier);
        return stream(KurrentLog.stream(writer, stream, firstSequenceNumber, batchSize, timeout))
                .map(KurrentEventStorageEngine::entry);
    }

    @Override
    protected Stream<? extends TrackedEventData<?>> readEventData(
            TrackingToken trackingToken, boolean mayBlock) {
        Iterator<KurrentLog.Entry> entries =
                KurrentLog.forwards(reader, kurrentToken(trackingToken), batchSize, timeout);
        return stream(entries)
                .map(entry -> new TrackedDomainEventData<>(entry.token(), entry(entry.row())));
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        return readStream(
                        KurrentEvents.snapshotStream(aggregateIdentifier),
                        ReadStreamOptions.get().backwards().fromEnd().maxCount(1))
                .stream()
                .map(
                        resolved ->
                                KurrentEvents.snapshot(
                                        resolved.getOriginalEvent(), aggregateIdentifier))
                .filter(java.util.Objects::nonNull)
                .map(KurrentEventStorageEngine::entry);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return readStream(
                        KurrentEvents.aggregateStream(aggregateIdentifier),
                        ReadStreamOptions.get().backwards().fromEnd().maxCount(1))
                .stream()
                .map(resolved -> KurrentEvents.ledgerEvent(resolved.getOriginalEvent()))
                .filter(java.util.Objects::nonNull)
                .map(EventRow::sequence)
                .findFirst();
    }

    /** {@code null}: a processor starting at the tail reads {@code $all} from its start. */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /**
     * The position of the newest ledger event, {@code null} when there is none: what a processor
     * that has handled everything stands at (it never stops on KurrentDB's own events, which it
     * skips). Asked of the leader, so a caller waiting for this position waits for its own
     * acknowledged writes.
     */
    @Override
    public TrackingToken createHeadToken() {
        Iterator<KurrentLog.Entry> newestFirst = KurrentLog.backwards(writer, batchSize, timeout);
        return newestFirst.hasNext() ? newestFirst.next().token() : null;
    }

    /**
     * As Axon's JDBC engine answers: the position just before the first ledger event (in log order)
     * stamped at or after {@code dateTime}; the head when none is; the tail when it is the first
     * event. KurrentDB keeps no index by time, so {@code $all} is read backwards. Stamps are taken
     * when a command runs, and concurrent commands or nodes commit a little out of stamp order, so
     * the reading goes on {@link #CLOCK_SKEW} past the first older stamp before it settles.
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Instant settled = dateTime.minus(CLOCK_SKEW);
        boolean found = false;
        KurrentTrackingToken before = null;
        Iterator<KurrentLog.Entry> newestFirst = KurrentLog.backwards(writer, batchSize, timeout);
        while (newestFirst.hasNext()) {
            KurrentLog.Entry entry = newestFirst.next();
            Instant stamped = Instant.parse(entry.row().timestamp());
            if (!stamped.isBefore(dateTime)) {
                found = true;
                before = null;
            } else {
                if (found && before == null) {
                    before = entry.token();
                }
                if (stamped.isBefore(settled)) {
                    break;
                }
            }
        }
        return found ? before : createHeadToken();
    }

    /**
     * The token as a KurrentDB position. A token of another engine (a processor's token kept from
     * before a migration) names a position in another store, so it is refused rather than guessed
     * at.
     */
    private static KurrentTrackingToken kurrentToken(TrackingToken token) {
        TrackingToken position =
                token instanceof org.axonframework.eventhandling.WrappedToken wrapped
                        ? wrapped.lowerBound()
                        : token;
        if (position == null || position instanceof KurrentTrackingToken) {
            return (KurrentTrackingToken) position;
        }
        throw new IllegalArgumentException(
                "token "
                        + token
                        + " is not a KurrentDB position; after a migration "
                        + "from the JDBC store each projection is rebuilt from the first event (ops/deploy/RUNBOOK.md)");
    }

    private static DomainEventData<byte[]> entry(EventRow row) {
        return new GenericDomainEventEntry<>(
                row.aggregateType(),
                row.aggregateId(),
                row.sequence(),
                row.eventId(),
                row.timestamp(),
                row.payloadType(),
                row.payloadRevision(),
                row.payload(),
                row.metaData());
    }

    private List<ResolvedEvent> readStream(String stream, ReadStreamOptions options) {
        return KurrentLog.readStream(writer, stream, options, timeout);
    }

    private <T> T await(Supplier<CompletableFuture<T>> call) {
        return KurrentLog.await(call.get(), timeout);
    }

    private static <T> Stream<T> stream(Iterator<T> iterator) {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(
                        iterator, Spliterator.ORDERED | Spliterator.NONNULL),
                false);
    }

    /** Builds the engine from Axon's serializers and upcasters and the KurrentDB clients. */
    public static final class Builder extends AbstractEventStorageEngine.Builder {
        private KurrentDBClient writer;
        private KurrentDBClient reader;
        private int batchSize = 1000;
        private Duration timeout = Duration.ofSeconds(30);

        private Builder() {
            persistenceExceptionResolver(
                    exception -> exception instanceof WrongExpectedVersionException);
        }

        /** The client for appends, aggregate reads and snapshots: it must reach the leader. */
        public Builder writer(KurrentDBClient writer) {
            this.writer = writer;
            return this;
        }

        /** The client tracking processors read {@code $all} through; it may prefer followers. */
        public Builder reader(KurrentDBClient reader) {
            this.reader = reader;
            return this;
        }

        /** Events per read of {@code $all} or of a stream. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** How long one call to KurrentDB may take. */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer snapshotSerializer) {
            super.snapshotSerializer(snapshotSerializer);
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer eventSerializer) {
            super.eventSerializer(eventSerializer);
            return this;
        }

        @Override
        public Builder upcasterChain(
                org.axonframework.serialization.upcasting.event.EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder snapshotFilter(
                org.axonframework.eventsourcing.snapshotting.SnapshotFilter snapshotFilter) {
            super.snapshotFilter(snapshotFilter);
            return this;
        }

        @Override
        protected void validate() {
            super.validate();
            if (writer == null) {
                throw new org.axonframework.common.AxonConfigurationException(
                        "a KurrentDB client is required");
            }
            // A page read on from a position starts with the event already handled there: one is
            // not enough.
            if (batchSize < 2) {
                throw new org.axonframework.common.AxonConfigurationException(
                        "batch size must be at least 2");
            }
        }

        /** The engine. */
        public KurrentEventStorageEngine build() {
            return new KurrentEventStorageEngine(this);
        }
    }
}
