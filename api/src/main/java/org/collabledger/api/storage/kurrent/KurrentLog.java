package org.collabledger.api.storage.kurrent;

import io.kurrent.dbclient.KurrentDBClient;
import io.kurrent.dbclient.ReadAllOptions;
import io.kurrent.dbclient.ReadStreamOptions;
import io.kurrent.dbclient.RecordedEvent;
import io.kurrent.dbclient.ResolvedEvent;
import io.kurrent.dbclient.StreamDeletedException;
import io.kurrent.dbclient.StreamNotFoundException;
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
 * Reading the ledger's events out of KurrentDB, a page at a time: {@code $all} in either direction,
 * and one aggregate's stream. KurrentDB's own events, snapshots and anything the ledger did not
 * write are passed over, and each page of {@code $all} starts where the last one ended, never
 * handing out an event twice (a forward read from a position includes the event there).
 */
public final class KurrentLog {

    private KurrentLog() {}

    /** A ledger event, its place in {@code $all}, and the stream and revision it was written at. */
    public record Entry(KurrentTrackingToken token, EventRow row, String streamId, long revision) {}

    /** The ledger's events after {@code after} ({@code null}: from the first), oldest first. */
    public static Iterator<Entry> forwards(
            KurrentDBClient client, KurrentTrackingToken after, int batchSize, Duration timeout) {
        return new Pages(client, true, after, batchSize, timeout);
    }

    /** The ledger's events, newest first. */
    public static Iterator<Entry> backwards(
            KurrentDBClient client, int batchSize, Duration timeout) {
        return new Pages(client, false, null, batchSize, timeout);
    }

    /**
     * Waits for a client call, unwrapping its failure so callers can tell a conflict from an
     * outage.
     */
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

    /**
     * The ledger events of {@code stream} from revision {@code from} on, oldest first, read a page
     * at a time; none when the stream does not exist.
     */
    static Iterator<EventRow> stream(
            KurrentDBClient client, String stream, long from, int batchSize, Duration timeout) {
        return new Paged<>() {
            private long next = from;

            @Override
            boolean fetch(Deque<EventRow> into) {
                List<ResolvedEvent> page =
                        readStream(
                                client,
                                stream,
                                ReadStreamOptions.get()
                                        .forwards()
                                        .fromRevision(next)
                                        .maxCount(batchSize),
                                timeout);
                for (ResolvedEvent resolved : page) {
                    next = resolved.getOriginalEvent().getRevision() + 1;
                    EventRow row = KurrentEvents.ledgerEvent(resolved.getOriginalEvent());
                    if (row != null) {
                        into.add(row);
                    }
                }
                return page.size() == batchSize;
            }
        };
    }

    /** One read of a stream; an absent stream reads as empty. */
    static List<ResolvedEvent> readStream(
            KurrentDBClient client, String stream, ReadStreamOptions options, Duration timeout) {
        try {
            return await(client.readStream(stream, options), timeout).getEvents();
        } catch (StreamNotFoundException absent) {
            return List.of();
        } catch (StreamDeletedException deleted) {
            // The ledger never deletes a stream; one gone means the store was changed behind its
            // back.
            throw new EventStoreException("KurrentDB stream " + stream + " was deleted", deleted);
        }
    }

    /**
     * An iterator over pages fetched on demand, so a long stream is never held in memory at once.
     */
    private abstract static class Paged<T> implements Iterator<T> {
        private final Deque<T> buffer = new ArrayDeque<>();
        private boolean more = true;

        /** Adds the next page's items; false when this was the last page. */
        abstract boolean fetch(Deque<T> into);

        @Override
        public boolean hasNext() {
            while (buffer.isEmpty() && more) {
                more = fetch(buffer);
            }
            return !buffer.isEmpty();
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return buffer.poll();
        }
    }

    /** Pages of {@code $all} in one direction, each starting where the last one ended. */
    private static final class Pages extends Paged<Entry> {
        private final KurrentDBClient client;
        private final boolean forwards;
        private final int batchSize;
        private final Duration timeout;
        private KurrentTrackingToken cursor;

        Pages(
                KurrentDBClient client,
                boolean forwards,
                KurrentTrackingToken from,
                int batchSize,
                Duration timeout) {
            this.client = client;
            this.forwards = forwards;
            this.cursor = from;
            this.batchSize = batchSize;
            this.timeout = timeout;
        }

        @Override
        boolean fetch(Deque<Entry> into) {
            ReadAllOptions options = ReadAllOptions.get().maxCount(batchSize);
            options = forwards ? options.forwards() : options.backwards();
            options =
                    cursor != null
                            ? options.fromPosition(cursor.toPosition())
                            : forwards ? options.fromStart() : options.fromEnd();
            List<ResolvedEvent> page = await(client.readAll(options), timeout).getEvents();
            for (ResolvedEvent resolved : page) {
                // The event's own position: the client gives ResolvedEvent.getPosition() with the
                // commit
                // position in both halves, which would make events sharing a commit look alike.
                RecordedEvent event = resolved.getOriginalEvent();
                KurrentTrackingToken token = KurrentTrackingToken.at(event.getPosition());
                if (cursor != null && (forwards ? cursor.covers(token) : token.covers(cursor))) {
                    continue;
                }
                cursor = token;
                EventRow row = KurrentEvents.ledgerEvent(event);
                if (row != null) {
                    into.add(new Entry(token, row, event.getStreamId(), event.getRevision()));
                }
            }
            return page.size() == batchSize;
        }
    }
}
