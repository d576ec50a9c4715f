package org.collabledger.api.storage.kurrent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-memory transaction log of the stand-in. All mutations are serialized by the monitor of this
 * object; readers copy what they need under the same monitor, so they only ever see whole appends.
 */
final class StandInLog {

    /**
     * Raw expected-revision constants, same values as the v2 protocol and the client's StreamState.
     */
    static final long NO_STREAM = -1;

    static final long ANY = -2;
    static final long STREAM_EXISTS = -4;

    /** A stored event. Immutable. */
    static final class Rec {
        final String stream;
        final long revision;
        final UUID id;
        final String type;
        final String contentType;
        final byte[] data;
        final byte[] customMetadata;
        final long position; // log position: commit == prepare for implicitly committed writes
        final long createdTicks; // 100 ns ticks since the Unix epoch

        Rec(String stream, long revision, Proposed p, long position, long createdTicks) {
            this.stream = stream;
            this.revision = revision;
            this.id = p.id;
            this.type = p.type;
            this.contentType = p.contentType;
            this.data = p.data;
            this.customMetadata = p.customMetadata;
            this.position = position;
            this.createdTicks = createdTicks;
        }
    }

    /** An event proposed for appending. */
    static final class Proposed {
        final UUID id;
        final String type;
        final String contentType;
        final byte[] data;
        final byte[] customMetadata;

        Proposed(UUID id, String type, String contentType, byte[] data, byte[] customMetadata) {
            this.id = id;
            this.type = type;
            this.contentType = contentType;
            this.data = data == null ? new byte[0] : data;
            this.customMetadata = customMetadata == null ? new byte[0] : customMetadata;
        }
    }

    /**
     * Events for one stream, with the expected revision (raw: >= 0 exact, or NO_STREAM / ANY /
     * STREAM_EXISTS).
     */
    static final class StreamWrite {
        final String stream;
        final long expected;
        final List<Proposed> events;

        StreamWrite(String stream, long expected, List<Proposed> events) {
            this.stream = stream;
            this.expected = expected;
            this.events = events;
        }
    }

    /** Expected revision did not hold. actual is the current revision, or NO_STREAM. */
    static final class Conflict extends Exception {
        final String stream;
        final long expected;
        final long actual;

        Conflict(String stream, long expected, long actual) {
            super(
                    "wrong expected revision on "
                            + stream
                            + ": expected "
                            + expected
                            + ", actual "
                            + actual,
                    null,
                    false,
                    false);
            this.stream = stream;
            this.expected = expected;
            this.actual = actual;
        }
    }

    /**
     * Outcome of a successful append. lastRevisions[i] is NO_STREAM when write i wrote nothing to
     * an absent stream.
     */
    static final class Written {
        final long[] lastRevisions;
        final long position; // position of the last event of the append (-1 if nothing was written)
        final boolean idempotentReplay;

        Written(long[] lastRevisions, long position, boolean idempotentReplay) {
            this.lastRevisions = lastRevisions;
            this.position = position;
            this.idempotentReplay = idempotentReplay;
        }
    }

    static final String SYSTEM_STATS_STREAM = "$stats-standin";
    static final String SYSTEM_STATS_TYPE = "$statsCollected";

    /** Fixed per-record overhead added to the log position, roughly a prepare record's header. */
    private static final int RECORD_OVERHEAD = 91;

    private final List<Rec> all = new ArrayList<>();
    private final Map<String, List<Rec>> streams = new HashMap<>();
    private final Clock clock;
    private final int systemEventEvery;
    private long nextPosition =
            4_096; // a fresh real node already has records before the first user write
    private long userAppends;

    StandInLog(Clock clock, int systemEventEvery) {
        this.clock = clock;
        this.systemEventEvery = systemEventEvery;
    }

    // ------------------------------------------------------------------ writes

    /**
     * Appends atomically. Every expected revision is validated before anything is written. A
     * single-stream write whose event ids are already stored right after the expected revision is
     * an idempotent replay: it is answered with the original revision and position and writes
     * nothing.
     */
    synchronized Written append(List<StreamWrite> writes) throws Conflict {
        if (writes.size() == 1) {
            Written replay = idempotentReplay(writes.get(0));
            if (replay != null) {
                return replay;
            }
        }
        for (StreamWrite w : writes) {
            long current = currentRevision(w.stream);
            boolean ok;
            if (w.expected == ANY) {
                ok = true;
            } else if (w.expected == NO_STREAM) {
                ok = current == NO_STREAM;
            } else if (w.expected == STREAM_EXISTS) {
                ok = current != NO_STREAM;
            } else if (w.expected >= 0) {
                ok = current == w.expected;
            } else {
                throw new IllegalArgumentException("invalid expected revision " + w.expected);
            }
            if (!ok) {
                throw new Conflict(w.stream, w.expected, current);
            }
        }
        long[] last = new long[writes.size()];
        long lastPos = -1;
        long ticks = nowTicks();
        boolean user = false;
        for (int i = 0; i < writes.size(); i++) {
            StreamWrite w = writes.get(i);
            for (Proposed p : w.events) {
                lastPos = store(w.stream, p, ticks).position;
            }
            last[i] = currentRevision(w.stream);
            user |= !w.stream.startsWith("$") && !w.events.isEmpty();
        }
        if (lastPos < 0) {
            // nothing written (empty append): answer with the current end of the log, as a real
            // node does
            lastPos = all.isEmpty() ? 0 : all.get(all.size() - 1).position;
        }
        if (user) {
            userAppends++;
            if (systemEventEvery > 0 && userAppends % systemEventEvery == 0) {
                writeSystemEvent();
            }
        }
        return new Written(last, lastPos, false);
    }

    private Written idempotentReplay(StreamWrite w) {
        List<Rec> list = streams.get(w.stream);
        int n = w.events.size();
        if (list == null || n == 0) {
            return null;
        }
        int start;
        if (w.expected >= 0 || w.expected == NO_STREAM) {
            start = (int) (w.expected + 1);
        } else {
            // any / stream_exists: locate the first event id in the stream
            start = -1;
            UUID first = w.events.get(0).id;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).id.equals(first)) {
                    start = i;
                    break;
                }
            }
            if (start < 0) {
                return null;
            }
        }
        if (start + n > list.size()) {
            return null;
        }
        // a real node only treats this as a replay when the expected revision no longer holds
        if ((w.expected >= 0 || w.expected == NO_STREAM)
                && currentRevision(w.stream) == w.expected) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (!list.get(start + i).id.equals(w.events.get(i).id)) {
                return null;
            }
        }
        Rec lastRec = list.get(start + n - 1);
        return new Written(new long[] {lastRec.revision}, lastRec.position, true);
    }

    synchronized void writeSystemEvent() {
        String json =
                "{\"proc-id\":1,\"sys-freeMem\":"
                        + Runtime.getRuntime().freeMemory()
                        + ",\"es-queue-count\":"
                        + all.size()
                        + "}";
        store(
                SYSTEM_STATS_STREAM,
                new Proposed(
                        UUID.randomUUID(),
                        SYSTEM_STATS_TYPE,
                        "application/json",
                        json.getBytes(StandardCharsets.UTF_8),
                        new byte[0]),
                nowTicks());
    }

    private Rec store(String stream, Proposed p, long ticks) {
        List<Rec> list = streams.computeIfAbsent(stream, s -> new ArrayList<>());
        Rec rec = new Rec(stream, list.size(), p, nextPosition, ticks);
        list.add(rec);
        all.add(rec);
        nextPosition +=
                RECORD_OVERHEAD
                        + stream.getBytes(StandardCharsets.UTF_8).length
                        + p.type.getBytes(StandardCharsets.UTF_8).length
                        + p.data.length
                        + p.customMetadata.length;
        return rec;
    }

    private long nowTicks() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 10_000_000L + now.getNano() / 100;
    }

    private long currentRevision(String stream) {
        List<Rec> list = streams.get(stream);
        return list == null || list.isEmpty() ? NO_STREAM : list.size() - 1;
    }

    // ------------------------------------------------------------------ reads

    synchronized long eventCount() {
        return all.size();
    }

    /** null when the stream does not exist. */
    synchronized List<Rec> readStream(
            String stream, boolean forwards, Long fromRevision, boolean fromEnd, long count) {
        List<Rec> list = streams.get(stream);
        if (list == null || list.isEmpty()) {
            return null;
        }
        int lowest = lowestVisible(stream, list);
        List<Rec> out = new ArrayList<>();
        if (forwards) {
            long start =
                    fromEnd
                            ? list.size()
                            : Math.max(lowest, fromRevision == null ? 0 : fromRevision);
            for (long i = start; i < list.size() && out.size() < count; i++) {
                out.add(list.get((int) i));
            }
        } else {
            long start =
                    fromEnd
                            ? list.size() - 1
                            : Math.min(list.size() - 1, fromRevision == null ? 0 : fromRevision);
            for (long i = start; i >= lowest && out.size() < count; i--) {
                out.add(list.get((int) i));
            }
        }
        return out;
    }

    private static final Pattern MAX_COUNT = Pattern.compile("\"\\$maxCount\"\\s*:\\s*(\\d+)");

    /**
     * Honours $maxCount from the stream's latest metadata: older events are invisible to stream
     * reads.
     */
    private int lowestVisible(String stream, List<Rec> list) {
        if (stream.startsWith("$$")) {
            return 0;
        }
        List<Rec> meta = streams.get("$$" + stream);
        if (meta == null || meta.isEmpty()) {
            return 0;
        }
        Matcher m =
                MAX_COUNT.matcher(
                        new String(meta.get(meta.size() - 1).data, StandardCharsets.UTF_8));
        if (!m.find()) {
            return 0;
        }
        long maxCount = Long.parseLong(m.group(1));
        return (int) Math.max(0, list.size() - maxCount);
    }

    /**
     * Reads $all. Forwards from a position includes the event at that position (positions compare
     * as (commit, prepare) pairs); backwards from a position returns only events strictly before
     * it.
     */
    synchronized List<Rec> readAll(
            boolean forwards,
            long commit,
            long prepare,
            boolean fromStart,
            boolean fromEnd,
            long count,
            java.util.function.Predicate<Rec> filter) {
        List<Rec> out = new ArrayList<>();
        if (forwards) {
            if (fromEnd) {
                return out;
            }
            for (Rec r : all) {
                if (out.size() >= count) {
                    break;
                }
                if (!fromStart && compare(r.position, r.position, commit, prepare) < 0) {
                    continue;
                }
                if (filter.test(r)) {
                    out.add(r);
                }
            }
        } else {
            if (fromStart) {
                return out;
            }
            for (int i = all.size() - 1; i >= 0 && out.size() < count; i--) {
                Rec r = all.get(i);
                if (!fromEnd && compare(r.position, r.position, commit, prepare) >= 0) {
                    continue;
                }
                if (filter.test(r)) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static int compare(long c1, long p1, long c2, long p2) {
        int c = Long.compareUnsigned(c1, c2);
        return c != 0 ? c : Long.compareUnsigned(p1, p2);
    }

    /** For tests of the stand-in itself. */
    synchronized Set<String> streamNames() {
        return new HashSet<>(streams.keySet());
    }
}
