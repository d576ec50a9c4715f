package org.collabledger.api.projections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a processor has seen every event. On the JDBC engine a processor's token can stand above a position
 * with no event yet (a gap): that position's unit of work may still commit, and its event then lands below
 * answers already given at the token. So a processor is complete only up to just below its lowest gap that
 * may still fill. A gap is passed once its unit of work is known to have ended without an event there
 * ({@link Abandonment}: a conflict's loser, a rollback, a killed process), and in any case once it has
 * stayed empty for the gap timeout, as the seal does.
 */
final class OpenPositions {

    private static final Logger log = LoggerFactory.getLogger(OpenPositions.class);

    /** Asking the store whether gaps are abandoned at most this often per gap. */
    private static final long RECHECK_NANOS = Duration.ofMillis(5).toNanos();

    private final long timeoutNanos;
    private final Abandonment abandonment;
    private final LongSupplier nanoClock;
    /** Per processor segment, what is known of each gap of its token. */
    private final Map<String, Map<Long, Gap>> gapsBySegment = new ConcurrentHashMap<>();

    /**
     * One gap: when (nanoTime) it was first seen, the abandonment mark taken after that (shared by the gaps
     * marked together, which are asked about together), when it was last asked about, and whether answers
     * pass it (abandoned, or empty for the timeout).
     */
    private static final class Gap {
        final long since;
        Object mark;
        long checked;
        boolean passed;

        Gap(long since) {
            this.since = since;
        }
    }

    OpenPositions(Duration timeout, Abandonment abandonment, LongSupplier nanoClock) {
        this.timeoutNanos = timeout.toNanos();
        this.abandonment = abandonment;
        this.nanoClock = nanoClock;
    }

    /**
     * The position up to which the segment {@code segment} of {@code processor}, at {@code token}, has seen every
     * event that can still commit: {@code position} (the token's), or just below the lowest gap that may fill.
     */
    long complete(String processor, int segment, TrackingToken token, long position) {
        String key = processor + "/" + segment;
        TrackingToken lower = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (!(lower instanceof GapAwareTrackingToken gapAware) || gapAware.getGaps().isEmpty()) {
            gapsBySegment.remove(key);
            return position;
        }
        Map<Long, Gap> known = gapsBySegment.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
        // One caller at a time per segment: the gaps' state is read and written as a whole.
        synchronized (known) {
            return complete(known, gapAware.getGaps().headSet(position + 1), nanoClock.getAsLong(), position);
        }
    }

    private long complete(Map<Long, Gap> known, Set<Long> gaps, long now, long position) {
        known.keySet().retainAll(gaps);
        List<Long> timedOut = new ArrayList<>();
        Object mark = null;
        for (Long seen : gaps) {
            Gap gap = known.computeIfAbsent(seen, g -> new Gap(now));
            if (gap.passed) {
                continue;
            }
            if (now - gap.since >= timeoutNanos) {
                gap.passed = true;
                timedOut.add(seen);
            } else if (gap.mark == null) {
                // Marked now, after it was seen, so every unit of work that could fill it began before the mark.
                mark = mark == null ? abandonment.mark() : mark;
                gap.mark = mark;
                gap.checked = now;
            }
        }
        if (!timedOut.isEmpty()) {
            log.warn("{} position(s) from {} to {} stayed empty for the gap timeout ({} ms) while a unit of work "
                    + "that could fill them may be open; answers pass them now, and change if one fills",
                    timedOut.size(), timedOut.get(0), timedOut.get(timedOut.size() - 1), timeoutNanos / 1_000_000);
        }
        // Ascending: the first gap that may still fill is where the segment stops being complete.
        for (Long at : gaps) {
            Gap gap = known.get(at);
            if (gap.passed) {
                continue;
            }
            if (now - gap.checked < RECHECK_NANOS || !ask(known, gaps, gap.mark, now).contains(at)) {
                return at - 1;
            }
        }
        return position;
    }

    /** Asks about every open gap marked with {@code mark} at once, and records the answers. */
    private Set<Long> ask(Map<Long, Gap> known, Set<Long> gaps, Object mark, long now) {
        List<Long> marked = new ArrayList<>();
        for (Long position : gaps) {
            Gap gap = known.get(position);
            if (gap.mark == mark && !gap.passed) {
                marked.add(position);
            }
        }
        Set<Long> abandoned = abandonment.abandoned(mark, marked);
        for (Long position : marked) {
            Gap gap = known.get(position);
            gap.checked = now;
            gap.passed = abandoned.contains(position);
        }
        return abandoned;
    }
}
