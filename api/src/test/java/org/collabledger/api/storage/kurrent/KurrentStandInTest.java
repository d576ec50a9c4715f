package org.collabledger.api.storage.kurrent;

import static org.junit.jupiter.api.Assertions.*;

import io.kurrent.dbclient.AppendStreamRequest;
import io.kurrent.dbclient.AppendToStreamOptions;
import io.kurrent.dbclient.EventData;
import io.kurrent.dbclient.EventDataBuilder;
import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.KurrentDBConnectionString;
import io.kurrent.dbclient.MultiStreamAppendResponse;
import io.kurrent.dbclient.Position;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamMetadata;
import io.kurrent.dbclient.StreamNotFoundException;
import io.kurrent.dbclient.StreamState;
import io.kurrent.dbclient.WriteResult;
import io.kurrent.dbclient.WrongExpectedVersionException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KurrentStandInTest {

    static KurrentStandIn standIn;
    static KurrentDBClient client;

    @BeforeAll
    static void startUp() {
        standIn = KurrentStandIn.start();
        client = newClient(standIn);
    }

    @AfterAll
    static void tearDown() throws Exception {
        client.shutdown().get(10, TimeUnit.SECONDS);
        standIn.close();
    }

    static KurrentDBClient newClient(KurrentStandIn s) {
        return KurrentDBClient.create(KurrentDBConnectionString.parseOrThrow(s.connectionString()));
    }

    static String stream() {
        return "order-" + UUID.randomUUID();
    }

    static EventData json(String type, String data) {
        return EventDataBuilder.json(UUID.randomUUID(), type, bytes(data)).build();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    static Throwable failure(CompletableFuture<?> f) throws Exception {
        ExecutionException e =
                assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
        return e.getCause();
    }

    static AppendToStreamOptions expect(StreamState s) {
        return AppendToStreamOptions.get().streamState(s);
    }

    static List<RecordedEvent> readStream(String stream, ReadStreamOptions o) throws Exception {
        return get(client.readStream(stream, o)).getEvents().stream()
                .map(ResolvedEvent::getOriginalEvent)
                .collect(Collectors.toList());
    }

    static List<RecordedEvent> readAll(ReadAllOptions o) throws Exception {
        return get(client.readAll(o)).getEvents().stream()
                .map(ResolvedEvent::getOriginalEvent)
                .collect(Collectors.toList());
    }

    @Test
    void appendAndReadBack() throws Exception {
        String s = stream();
        UUID id = UUID.randomUUID();
        EventData e =
                EventDataBuilder.json(id, "OrderPlaced", bytes("{\"n\":1}"))
                        .metadataAsBytes(bytes("{\"corr\":\"c1\"}"))
                        .build();
        EventData b =
                EventDataBuilder.binary(UUID.randomUUID(), "Blob", new byte[] {1, 2, 3}).build();
        Instant before = Instant.now().minusSeconds(1);
        WriteResult w = get(client.appendToStream(s, expect(StreamState.noStream()), e, b));
        assertEquals(StreamState.streamRevision(1), w.getNextExpectedRevision());

        List<RecordedEvent> events = readStream(s, ReadStreamOptions.get().forwards().fromStart());
        assertEquals(2, events.size());
        RecordedEvent r = events.get(0);
        assertEquals(id, r.getEventId());
        assertEquals(s, r.getStreamId());
        assertEquals(0, r.getRevision());
        assertEquals("OrderPlaced", r.getEventType());
        assertEquals("application/json", r.getContentType());
        assertArrayEquals(bytes("{\"n\":1}"), r.getEventData());
        assertArrayEquals(bytes("{\"corr\":\"c1\"}"), r.getUserMetadata());
        assertTrue(
                r.getCreated().isAfter(before)
                        && r.getCreated().isBefore(Instant.now().plusSeconds(1)),
                r.getCreated().toString());
        RecordedEvent r1 = events.get(1);
        assertEquals(1, r1.getRevision());
        assertEquals("application/octet-stream", r1.getContentType());
        assertArrayEquals(new byte[] {1, 2, 3}, r1.getEventData());
        assertEquals(0, r1.getUserMetadata().length);
        // the append result carries the position of the last event written
        assertEquals(r1.getPosition(), w.getLogPosition());
    }

    @Test
    void multiEventAppendHasOwnSparseIncreasingPositions() throws Exception {
        String s = stream();
        WriteResult w =
                get(client.appendToStream(s, json("A", "{}"), json("B", "{}"), json("C", "{}")));
        List<RecordedEvent> events = readStream(s, ReadStreamOptions.get());
        assertEquals(3, events.size());
        long prev = -1;
        for (RecordedEvent e : events) {
            Position p = e.getPosition();
            assertEquals(
                    p.getCommitUnsigned(),
                    p.getPrepareUnsigned(),
                    "KurrentDB: commit == prepare for implicitly committed appends");
            assertTrue(p.getPrepareUnsigned() > prev + 1, "positions are sparse and increasing");
            prev = p.getPrepareUnsigned();
        }
        assertEquals(events.get(2).getPosition(), w.getLogPosition());
    }

    @Test
    void expectedRevisionModes() throws Exception {
        String s = stream();
        // stream_exists on a missing stream
        Throwable t =
                failure(
                        client.appendToStream(
                                s, expect(StreamState.streamExists()), json("A", "{}")));
        WrongExpectedVersionException wev =
                assertInstanceOf(WrongExpectedVersionException.class, t);
        assertEquals(StreamState.noStream(), wev.getActualState());
        assertEquals(StreamState.streamExists(), wev.getExpectedState());
        // exact on missing stream
        wev =
                assertInstanceOf(
                        WrongExpectedVersionException.class,
                        failure(
                                client.appendToStream(
                                        s,
                                        expect(StreamState.streamRevision(0)),
                                        json("A", "{}"))));
        assertEquals(StreamState.noStream(), wev.getActualState());

        assertEquals(
                StreamState.streamRevision(0),
                get(client.appendToStream(s, expect(StreamState.noStream()), json("A", "{}")))
                        .getNextExpectedRevision());
        wev =
                assertInstanceOf(
                        WrongExpectedVersionException.class,
                        failure(
                                client.appendToStream(
                                        s, expect(StreamState.noStream()), json("B", "{}"))));
        assertEquals(StreamState.streamRevision(0), wev.getActualState());
        assertEquals(s, wev.getStreamName());

        assertEquals(
                StreamState.streamRevision(1),
                get(client.appendToStream(s, expect(StreamState.streamExists()), json("B", "{}")))
                        .getNextExpectedRevision());
        assertEquals(
                StreamState.streamRevision(2),
                get(client.appendToStream(
                                s, expect(StreamState.streamRevision(1)), json("C", "{}")))
                        .getNextExpectedRevision());
        wev =
                assertInstanceOf(
                        WrongExpectedVersionException.class,
                        failure(
                                client.appendToStream(
                                        s,
                                        expect(StreamState.streamRevision(1)),
                                        json("D", "{}"))));
        assertEquals(StreamState.streamRevision(2), wev.getActualState());
        assertEquals(StreamState.streamRevision(1), wev.getExpectedState());
        assertEquals(
                StreamState.streamRevision(3),
                get(client.appendToStream(s, expect(StreamState.any()), json("D", "{}")))
                        .getNextExpectedRevision());
        assertEquals(4, readStream(s, ReadStreamOptions.get()).size());
    }

    @Test
    void idempotentReappend() throws Exception {
        String s = stream();
        get(client.appendToStream(s, json("First", "{}")));
        EventData a = json("A", "{}");
        EventData b = json("B", "{}");
        long before = standIn.eventCount();
        WriteResult first =
                get(client.appendToStream(s, expect(StreamState.streamRevision(0)), a, b));
        WriteResult retry =
                get(client.appendToStream(s, expect(StreamState.streamRevision(0)), a, b));
        assertEquals(first.getNextExpectedRevision(), retry.getNextExpectedRevision());
        assertEquals(first.getLogPosition(), retry.getLogPosition());
        assertEquals(before + 2, standIn.eventCount());
        assertEquals(3, readStream(s, ReadStreamOptions.get()).size());
        // retry with expected any is idempotent too
        WriteResult retryAny = get(client.appendToStream(s, expect(StreamState.any()), a, b));
        assertEquals(first.getLogPosition(), retryAny.getLogPosition());
        assertEquals(before + 2, standIn.eventCount());
    }

    @Test
    void readStreamBackwardsMaxCountOneAndFromRevision() throws Exception {
        String s = stream();
        get(client.appendToStream(s, json("A", "{}"), json("B", "{}"), json("C", "{}")));
        List<RecordedEvent> last =
                readStream(s, ReadStreamOptions.get().backwards().fromEnd().maxCount(1));
        assertEquals(1, last.size());
        assertEquals("C", last.get(0).getEventType());
        assertEquals(2, last.get(0).getRevision());

        List<RecordedEvent> back =
                readStream(s, ReadStreamOptions.get().backwards().fromRevision(1));
        assertEquals(
                List.of("B", "A"),
                back.stream().map(RecordedEvent::getEventType).collect(Collectors.toList()));
        List<RecordedEvent> fwd =
                readStream(s, ReadStreamOptions.get().forwards().fromRevision(1).maxCount(5));
        assertEquals(
                List.of("B", "C"),
                fwd.stream().map(RecordedEvent::getEventType).collect(Collectors.toList()));
        assertTrue(readStream(s, ReadStreamOptions.get().forwards().fromRevision(7)).isEmpty());
    }

    @Test
    void streamNotFound() throws Exception {
        Throwable t = failure(client.readStream(stream(), ReadStreamOptions.get()));
        assertInstanceOf(StreamNotFoundException.class, t);
    }

    @Test
    void readAllForwardsBackwardsAndFromPosition() throws Exception {
        try (KurrentStandIn own = KurrentStandIn.start()) {
            KurrentDBClient c = newClient(own);
            try {
                String s1 = stream();
                String s2 = stream();
                get(c.appendToStream(s1, json("A", "{}"), json("B", "{}")));
                get(c.appendToStream(s2, json("C", "{}")));
                own.writeSystemEvent();
                get(c.appendToStream(s1, json("D", "{}")));

                List<RecordedEvent> all =
                        get(c.readAll(ReadAllOptions.get().forwards().fromStart()))
                                .getEvents()
                                .stream()
                                .map(ResolvedEvent::getOriginalEvent)
                                .collect(Collectors.toList());
                assertEquals(
                        List.of("A", "B", "C", "$statsCollected", "D"),
                        all.stream().map(RecordedEvent::getEventType).collect(Collectors.toList()));
                assertEquals("$stats-standin", all.get(3).getStreamId());
                assertEquals(5, own.eventCount());

                List<ResolvedEvent> back =
                        get(c.readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(2)))
                                .getEvents();
                assertEquals(
                        List.of("D", "$statsCollected"),
                        back.stream()
                                .map(e -> e.getOriginalEvent().getEventType())
                                .collect(Collectors.toList()));
                // ResolvedEvent position as the client builds it from the ReadEvent
                assertEquals(
                        all.get(4).getPosition().getCommitUnsigned(),
                        back.get(0).getPosition().orElseThrow().getCommitUnsigned());

                Position pB = all.get(1).getPosition();
                List<ResolvedEvent> fromB =
                        get(c.readAll(ReadAllOptions.get().forwards().fromPosition(pB)))
                                .getEvents();
                assertEquals(
                        "B",
                        fromB.get(0).getOriginalEvent().getEventType(),
                        "forwards from a position includes it");
                assertEquals(4, fromB.size());
                List<ResolvedEvent> beforeC =
                        get(c.readAll(
                                        ReadAllOptions.get()
                                                .backwards()
                                                .fromPosition(all.get(2).getPosition())))
                                .getEvents();
                assertEquals(
                        List.of("B", "A"),
                        beforeC.stream()
                                .map(e -> e.getOriginalEvent().getEventType())
                                .collect(Collectors.toList()));
                assertTrue(
                        get(c.readAll(ReadAllOptions.get().forwards().fromEnd()))
                                .getEvents()
                                .isEmpty());
                assertTrue(
                        get(c.readAll(ReadAllOptions.get().backwards().fromStart()))
                                .getEvents()
                                .isEmpty());
            } finally {
                c.shutdown().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void periodicSystemEvents() throws Exception {
        try (KurrentStandIn own = KurrentStandIn.start(2)) {
            KurrentDBClient c = newClient(own);
            try {
                String s = stream();
                for (int i = 0; i < 4; i++) {
                    get(c.appendToStream(s, json("E" + i, "{}")));
                }
                assertEquals(6, own.eventCount());
                List<String> streams =
                        get(c.readAll(ReadAllOptions.get())).getEvents().stream()
                                .map(e -> e.getOriginalEvent().getStreamId())
                                .collect(Collectors.toList());
                assertEquals(List.of(s, s, "$stats-standin", s, s, "$stats-standin"), streams);
            } finally {
                c.shutdown().get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void streamMetadata() throws Exception {
        String s = stream();
        get(client.appendToStream(s, json("A", "{}"), json("B", "{}"), json("C", "{}")));
        StreamMetadata md = new StreamMetadata();
        md.setMaxCount(2L);
        WriteResult w = get(client.setStreamMetadata(s, md));
        assertEquals(StreamState.streamRevision(0), w.getNextExpectedRevision());
        assertEquals(2L, get(client.getStreamMetadata(s)).getMaxCount());
        List<RecordedEvent> metaEvents = readStream("$$" + s, ReadStreamOptions.get());
        assertEquals("$metadata", metaEvents.get(0).getEventType());
        // the metadata event is in $all like any other event
        List<RecordedEvent> tail = readAll(ReadAllOptions.get().backwards().fromEnd().maxCount(50));
        assertTrue(
                tail.stream()
                        .anyMatch(
                                e ->
                                        e.getStreamId().equals("$$" + s)
                                                && e.getEventType().equals("$metadata")));
        // $maxCount honoured on stream reads
        assertEquals(
                List.of("B", "C"),
                readStream(s, ReadStreamOptions.get()).stream()
                        .map(RecordedEvent::getEventType)
                        .collect(Collectors.toList()));
    }

    @Test
    void multiStreamAppendSuccessAndPropertiesAsMetadata() throws Exception {
        String s1 = stream();
        String s2 = stream();
        get(client.appendToStream(s2, json("Existing", "{}")));
        UUID id = UUID.randomUUID();
        EventData e1 =
                EventDataBuilder.json(id, "Placed", bytes("{\"x\":1}"))
                        .metadataAsBytes(bytes("{\"tenant\":\"acme\",\"q\":\"a\\\"b\"}"))
                        .build();
        EventData e2 = EventDataBuilder.binary(UUID.randomUUID(), "Raw", new byte[] {9}).build();
        MultiStreamAppendResponse r =
                get(
                        client.multiStreamAppend(
                                List.of(
                                                new AppendStreamRequest(
                                                        s1,
                                                        List.of(e1).iterator(),
                                                        StreamState.noStream()),
                                                new AppendStreamRequest(
                                                        s2,
                                                        List.of(e2, json("More", "{}")).iterator(),
                                                        StreamState.streamRevision(0)))
                                        .iterator()));
        assertEquals(2, r.getResults().size());
        assertEquals(s1, r.getResults().get(0).getStream());
        assertEquals(0, r.getResults().get(0).getStreamRevision());
        assertEquals(2, r.getResults().get(1).getStreamRevision());

        RecordedEvent read1 = readStream(s1, ReadStreamOptions.get()).get(0);
        assertEquals(id, read1.getEventId());
        assertEquals("Placed", read1.getEventType());
        assertEquals("application/json", read1.getContentType());
        assertArrayEquals(bytes("{\"x\":1}"), read1.getEventData());
        String meta = new String(read1.getUserMetadata(), StandardCharsets.UTF_8);
        assertTrue(meta.contains("\"tenant\":\"acme\""), meta);
        assertTrue(meta.contains("\"q\":\"a\\\"b\""), meta);
        assertTrue(meta.contains("\"$schema.name\":\"Placed\""), meta);
        assertTrue(meta.contains("\"$schema.format\":\"Json\""), meta);

        List<RecordedEvent> read2 = readStream(s2, ReadStreamOptions.get());
        assertEquals(3, read2.size());
        assertEquals("application/octet-stream", read2.get(1).getContentType());
        assertTrue(
                new String(read2.get(1).getUserMetadata(), StandardCharsets.UTF_8)
                        .contains("\"$schema.format\":\"Bytes\""));
        // the session position is the position of the last record written
        assertEquals(read2.get(2).getPosition().getCommitUnsigned(), r.getPosition());
    }

    @Test
    void multiStreamAppendConflictWritesNothing() throws Exception {
        String s1 = stream();
        String s2 = stream();
        get(client.appendToStream(s2, json("Existing", "{}"), json("Existing", "{}")));
        long before = standIn.eventCount();
        Throwable t =
                failure(
                        client.multiStreamAppend(
                                List.of(
                                                new AppendStreamRequest(
                                                        s1,
                                                        List.of(json("A", "{}")).iterator(),
                                                        StreamState.noStream()),
                                                new AppendStreamRequest(
                                                        s2,
                                                        List.of(json("B", "{}")).iterator(),
                                                        StreamState.streamRevision(0)))
                                        .iterator()));
        WrongExpectedVersionException wev =
                assertInstanceOf(WrongExpectedVersionException.class, t);
        assertEquals(s2, wev.getStreamName());
        assertEquals(StreamState.streamRevision(0), wev.getExpectedState());
        assertEquals(StreamState.streamRevision(1), wev.getActualState());
        assertEquals(before, standIn.eventCount());
        assertInstanceOf(
                StreamNotFoundException.class,
                failure(client.readStream(s1, ReadStreamOptions.get())));
    }

    @Test
    void concurrentExactRevisionAppendsExactlyOneWins() throws Exception {
        KurrentDBClient other = newClient(standIn);
        try {
            for (int round = 0; round < 5; round++) {
                String s = stream();
                get(client.appendToStream(s, json("Init", "{}")));
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<WriteResult>> results = new ArrayList<>();
                List<Thread> threads = new ArrayList<>();
                for (KurrentDBClient c : List.of(client, other)) {
                    CompletableFuture<WriteResult> f = new CompletableFuture<>();
                    results.add(f);
                    Thread th =
                            new Thread(
                                    () -> {
                                        try {
                                            go.await();
                                            c.appendToStream(
                                                            s,
                                                            expect(StreamState.streamRevision(0)),
                                                            json("Race", "{}"))
                                                    .whenComplete(
                                                            (v, e) -> {
                                                                if (e != null)
                                                                    f.completeExceptionally(e);
                                                                else f.complete(v);
                                                            });
                                        } catch (InterruptedException e) {
                                            f.completeExceptionally(e);
                                        }
                                    });
                    threads.add(th);
                    th.start();
                }
                go.countDown();
                int ok = 0;
                int conflicts = 0;
                for (CompletableFuture<WriteResult> f : results) {
                    try {
                        f.get(10, TimeUnit.SECONDS);
                        ok++;
                    } catch (ExecutionException e) {
                        assertInstanceOf(WrongExpectedVersionException.class, e.getCause());
                        conflicts++;
                    }
                }
                for (Thread th : threads) {
                    th.join(Duration.ofSeconds(5).toMillis());
                }
                assertEquals(1, ok);
                assertEquals(1, conflicts);
                assertEquals(2, readStream(s, ReadStreamOptions.get()).size());
            }
        } finally {
            other.shutdown().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void rawReadWithStringUuidsAndFilter() throws Exception {
        String s = stream();
        UUID id = UUID.randomUUID();
        get(client.appendToStream(s, EventDataBuilder.json(id, "Filtered", bytes("{}")).build()));
        io.grpc.ManagedChannel ch =
                io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(
                                "127.0.0.1", standIn.port())
                        .usePlaintext()
                        .build();
        try {
            var stub = io.kurrent.dbclient.proto.streams.StreamsGrpc.newBlockingStub(ch);
            var O =
                    io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq.Options.newBuilder()
                            .setAll(
                                    io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq
                                            .Options.AllOptions.newBuilder()
                                            .setStart(
                                                    io.kurrent.dbclient.proto.shared.Shared.Empty
                                                            .getDefaultInstance()))
                            .setCount(1000)
                            .setUuidOption(
                                    io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq
                                            .Options.UUIDOption.newBuilder()
                                            .setString(
                                                    io.kurrent.dbclient.proto.shared.Shared.Empty
                                                            .getDefaultInstance()))
                            .setFilter(
                                    io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq
                                            .Options.FilterOptions.newBuilder()
                                            .setStreamIdentifier(
                                                    io.kurrent.dbclient.proto.streams
                                                            .StreamsOuterClass.ReadReq.Options
                                                            .FilterOptions.Expression.newBuilder()
                                                            .addPrefix(s)));
            var it =
                    stub.read(
                            io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq.newBuilder()
                                    .setOptions(O)
                                    .build());
            List<String> ids = new ArrayList<>();
            it.forEachRemaining(r -> ids.add(r.getEvent().getEvent().getId().getString()));
            assertEquals(List.of(id.toString()), ids);

            // subscriptions are not implemented and say so
            O.setSubscription(
                    io.kurrent.dbclient.proto.streams.StreamsOuterClass.ReadReq.Options
                            .SubscriptionOptions.getDefaultInstance());
            io.grpc.StatusRuntimeException ex =
                    assertThrows(
                            io.grpc.StatusRuntimeException.class,
                            () ->
                                    stub.read(
                                                    io.kurrent.dbclient.proto.streams
                                                            .StreamsOuterClass.ReadReq.newBuilder()
                                                            .setOptions(O)
                                                            .build())
                                            .hasNext());
            assertEquals(io.grpc.Status.Code.UNIMPLEMENTED, ex.getStatus().getCode());
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
