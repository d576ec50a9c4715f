package org.collabledger.api.storage.kurrent;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * A STAND-IN for KurrentDB, NOT KurrentDB. It is a small in-memory gRPC server for tests that run
 * where no real KurrentDB node can run. It speaks enough of KurrentDB's gRPC protocol for the
 * official Java client ({@code io.kurrent:kurrentdb-client}) to append and read. Passing tests
 * against it does not prove an adapter works against a real KurrentDB; run the adapter against a
 * real node as well whenever one is available.
 *
 * <p>Implemented:
 *
 * <ul>
 *   <li>ServerFeatures.GetSupportedMethods: reports version 25.1.0 with v1 {@code read}, {@code
 *       append} and v2 {@code appendsession} (so the client enables multi-stream append). Batch
 *       append is not advertised.
 *   <li>v1 Streams.Append: expected revision any / no_stream / stream_exists / exact; atomic per
 *       call; wrong expected version answered with the WrongExpectedVersion variant (current
 *       revision or no-stream); idempotent replay of the same event ids after the expected revision
 *       answers success with the original revision and position and writes nothing; "created"
 *       stamped from a clock in 100 ns ticks.
 *   <li>Log positions: each event has its own sparse log position (advanced by an estimated record
 *       size) and, like KurrentDB for ordinary (implicitly committed) appends, commit position ==
 *       prepare position. The append result carries the position of the last event written.
 *   <li>v1 Streams.Read (non-subscription): stream reads forwards/backwards from start/end/revision
 *       with count, "stream not found" response, {@code $maxCount} from the stream's {@code
 *       $$stream} metadata honoured; $all reads forwards/backwards from start/end/position with
 *       count (forwards from a position includes the event at it, backwards excludes it) and
 *       optional stream/event-type filter (prefix or regex); structured and string UUID formats.
 *       resolve_links is ignored (links are never resolved).
 *   <li>Stream metadata is just a {@code $metadata} event in {@code $$<stream>}, stored like any
 *       other event.
 *   <li>System events: {@link #writeSystemEvent()} and, with {@link #start(int)}, one {@code
 *       $statsCollected} event in {@code $stats-standin} after every n user appends (appends to
 *       streams not starting with '$').
 *   <li>v2 StreamsService.AppendSession: atomic across streams, all expected revisions validated
 *       before anything is written; a conflict fails the call with FAILED_PRECONDITION and a {@code
 *       StreamRevisionConflictErrorDetails} detail; the same stream twice in a session is rejected
 *       with ABORTED and {@code StreamAlreadyInAppendSessionErrorDetails}. Record properties are
 *       exposed to v1 readers as custom metadata: a flat JSON object of the properties plus {@code
 *       $schema.name} and {@code $schema.format}, as KurrentDB 25.1 synthesizes it.
 *   <li>Thread safety: appends are serialized by one lock; reads only see whole, committed appends.
 * </ul>
 *
 * <p>Not implemented (the client gets UNIMPLEMENTED or simply never sees the behaviour):
 * subscriptions (catch-up, live, persistent), delete and tombstone, batch append, projections,
 * users/ACLs/authentication, TLS, gossip and clusters, link events and resolve_links, stream
 * metadata other than {@code $maxCount} ({@code $maxAge}, {@code $tb}, {@code $acl} ...),
 * scavenging, size limits, deadlines, first/last stream position messages, durability (everything
 * is lost on {@link #close()}). The JSON text of synthesized v2 metadata is compact and its key
 * order may differ from a real node's; parse it, do not compare bytes.
 */
public final class KurrentStandIn implements AutoCloseable {

    private final Server server;
    private final StandInLog log;

    private KurrentStandIn(Server server, StandInLog log) {
        this.server = server;
        this.log = log;
    }

    /** Starts a stand-in on 127.0.0.1 with an ephemeral port, without periodic system events. */
    public static KurrentStandIn start() {
        return start(0);
    }

    /**
     * Starts a stand-in that also writes a system event (stream {@code $stats-standin}, type {@code
     * $statsCollected}) after every {@code systemEventEvery} user appends; 0 disables this.
     */
    public static KurrentStandIn start(int systemEventEvery) {
        if (systemEventEvery < 0) {
            throw new IllegalArgumentException("systemEventEvery must be >= 0");
        }
        StandInLog log = new StandInLog(Clock.systemUTC(), systemEventEvery);
        Server server =
                NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                        .addService(new StandInServices.Features())
                        .addService(new StandInServices.StreamsV1(log))
                        .addService(new StandInServices.StreamsV2(log))
                        .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start KurrentStandIn", e);
        }
        return new KurrentStandIn(server, log);
    }

    /**
     * Connection string for the KurrentDB client, e.g. {@code
     * kurrentdb://127.0.0.1:12345?tls=false}.
     */
    public String connectionString() {
        return "kurrentdb://127.0.0.1:" + port() + "?tls=false";
    }

    public int port() {
        return server.getPort();
    }

    /** Appends one system event ({@code $stats-standin} / {@code $statsCollected}) now. */
    public void writeSystemEvent() {
        log.writeSystemEvent();
    }

    /** Number of events in the log, system events included. */
    public long eventCount() {
        return log.eventCount();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
