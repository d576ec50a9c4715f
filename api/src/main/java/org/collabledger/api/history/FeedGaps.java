package org.collabledger.api.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GenericEventMessage;
import org.collabledger.api.projections.Abandonment;

/**
 * Tells where a page of the global feed must end: below the first empty position whose unit of work may
 * still commit an event there. A page that went past it would hand the client a {@code next} above an event
 * it never sees.
 */
final class FeedGaps {

    /** How long one request asks the store about fresh empty positions before it ends its page below them. */
    private static final Duration ASK_BUDGET = Duration.ofMillis(100);
    /** A unit of work that began just before the mark is usually still committing: asked again after this. */
    private static final Duration ASK_PAUSE = Duration.ofMillis(5);

    /** Empty positions {@code from} to {@code to}, and when the event just above them was stamped. */
    record EmptyRun(long from, long to, Instant nextStamped) {
    }

    private final Abandonment abandonment;
    private final Duration timeout;

    FeedGaps(Abandonment abandonment, Duration timeout) {
        this.abandonment = abandonment;
        this.timeout = timeout;
    }

    /**
     * The lowest of {@code runs}' positions that may still fill, or {@link Long#MAX_VALUE} when none may. A run
     * has settled when the event above it was stamped at least the gap timeout ago (the clock that stamps
     * events: the run's unit of work took its position before that event's did, so it has been open about as
     * long, as Axon's own gap cleaning reckons), or when the store knows the run's unit of work ended.
     */
    long firstOpen(List<EmptyRun> runs) {
        Instant now = GenericEventMessage.clock.instant();
        List<Long> fresh = new ArrayList<>();
        for (EmptyRun run : runs) {
            if (run.nextStamped().plus(timeout).isAfter(now)) {
                for (long position = run.from(); position <= run.to(); position++) {
                    fresh.add(position);
                }
            }
        }
        if (fresh.isEmpty()) {
            return Long.MAX_VALUE;
        }
        Set<Long> abandoned = abandonment == Abandonment.UNKNOWN ? Set.of() : ask(fresh);
        return fresh.stream().filter(position -> !abandoned.contains(position)).findFirst().orElse(Long.MAX_VALUE);
    }

    /** The abandoned ones of {@code fresh}, asked about with a mark taken after they were seen empty. */
    private Set<Long> ask(List<Long> fresh) {
        Object mark = abandonment.mark();
        long deadline = System.nanoTime() + ASK_BUDGET.toNanos();
        Set<Long> abandoned = Set.of();
        while (abandoned.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(ASK_PAUSE.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return abandoned;
            }
            // Empty while a unit of work from before the mark is open; otherwise final, filled ones left out.
            abandoned = abandonment.abandoned(mark, fresh);
        }
        return abandoned;
    }
}
