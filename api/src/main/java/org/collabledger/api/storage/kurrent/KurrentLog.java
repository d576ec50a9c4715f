package org.collabledger.api.storage.kurrent;

import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ResolvedEvent;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;

/**
 * The ledger's events in KurrentDB's {@code $all}, read a page at a time in either direction: KurrentDB's
 * own events and anything the ledger did not write are passed over, and each page starts where the last one
 * ended, never handing out an event twice (a forward read from a position includes the event there).
 */
public final class KurrentLog {

    private KurrentLog() {
    }

    /** A ledger event, its place in {@code $all}, and the stream and revision it was written at. */
    public record Entry(KurrentTrackingToken token, EventRow row, String streamId, long revision) {
    }

    /** The ledger's events after {@code after} ({@code null}: from the first), oldest first. */
    public static Iterator<Entry> forwards(KurrentDBClient client, KurrentTrackingToken after, int batchSize,
                                           Duration timeout) {
        return new Pages(client, true, after, batchSize, timeout);
    }

    /** The ledger's events, newest first. */
    public static Iterator<Entry> backwards(KurrentDBClient client, int batchSize, Duration timeout) {
        return new Pages(client, false, null, batchSize, timeout);
    }

    /** Waits for a client call, unwrapping its failure so callers can tell a conflict from an outage. */
    public static <T> T await(CompletableFuture<T> call, Duration timeout) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new EventStoreException("KurrentDB call failed", e.getCause());
        } catch (TimeoutException e) {
            throw new EventStoreException("KurrentDB did not answer within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreException("interrupted while waiting for KurrentDB", e);
        }
    }

    private static final class Pages implements Iterator<Entry> {
        private final KurrentDBClient client;
        private final boolean forwards;
        private final int batchSize;
        private final Duration timeout;
        private final Deque<Entry> buffer = new ArrayDeque<>();
        private KurrentTrackingToken cursor;
        private boolean more = true;

        Pages(KurrentDBClient client, boolean forwards, KurrentTrackingToken from, int batchSize, Duration timeout) {
            this.client = client;
            this.forwards = forwards;
            this.cursor = from;
            this.batchSize = batchSize;
            this.timeout = timeout;
        }

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && more) {
                ReadAllOptions options = ReadAllOptions.get().maxCount(batchSize);
                options = forwards ? options.forwards() : options.backwards();
                options = cursor != null ? options.fromPosition(cursor.toPosition())
                        : forwards ? options.fromStart() : options.fromEnd();
                List<ResolvedEvent> page = await(client.readAll(options), timeout).getEvents();
                for (ResolvedEvent resolved : page) {
                    // The event's own position: the client gives ResolvedEvent.getPosition() with the commit
                    // position in both halves, which would make events sharing a commit look alike.
                    RecordedEvent event = resolved.getOriginalEvent();
                    KurrentTrackingToken token = KurrentTrackingToken.at(event.getPosition());
                    if (cursor != null && (forwards ? cursor.covers(token) : token.covers(cursor))) {
                        continue;
                    }
                    cursor = token;
                    EventRow row = KurrentEvents.ledgerEvent(event);
                    if (row != null) {
                        buffer.add(new Entry(token, row, event.getStreamId(), event.getRevision()));
                    }
                }
                more = page.size() == batchSize;
            }
            return !buffer.isEmpty();
        }

        @Override
        public Entry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }
    }
}
