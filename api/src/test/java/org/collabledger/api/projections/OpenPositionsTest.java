package org.collabledger.api.projections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/**
 * A processor is complete up to just below its lowest gap that may still fill, and passes a gap once it has
 * stayed empty for the timeout, counted per segment from when it was first seen, or as soon as the store says
 * its unit of work ended without an event there.
 */
class OpenPositionsTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final OpenPositions open = new OpenPositions(Duration.ofSeconds(5), Abandonment.UNKNOWN, now::get);

    @Test
    void aTokenWithoutGapsIsCompleteAtItsPosition() {
        assertThat(open.complete("lineage", 0, GapAwareTrackingToken.newInstance(10, List.of()), 10)).isEqualTo(10);
        assertThat(open.complete("lineage", 0, null, 0)).isZero();
    }

    @Test
    void aGapHoldsTheProcessorBelowItUntilItHasStayedEmptyForTheTimeout() {
        TrackingToken token = GapAwareTrackingToken.newInstance(10, List.of(4L, 7L));
        assertThat(open.complete("lineage", 0, token, 10)).isEqualTo(3);

        now.addAndGet(5 * SECOND - 1);
        assertThat(open.complete("lineage", 0, token, 10)).isEqualTo(3);

        now.addAndGet(1);
        assertThat(open.complete("lineage", 0, token, 10)).isEqualTo(10);
    }

    @Test
    void eachGapIsTimedFromWhenItWasFirstSeen() {
        open.complete("lineage", 0, GapAwareTrackingToken.newInstance(5, List.of(4L)), 5);
        now.addAndGet(3 * SECOND);
        TrackingToken later = GapAwareTrackingToken.newInstance(10, List.of(4L, 7L));
        assertThat(open.complete("lineage", 0, later, 10)).isEqualTo(3);

        now.addAndGet(2 * SECOND);
        assertThat(open.complete("lineage", 0, later, 10)).as("4 is final, 7 may still fill").isEqualTo(6);

        now.addAndGet(3 * SECOND);
        assertThat(open.complete("lineage", 0, later, 10)).isEqualTo(10);
    }

    @Test
    void aFilledGapIsForgottenSoTheSamePositionMissingAgainIsTimedAfresh() {
        open.complete("lineage", 0, GapAwareTrackingToken.newInstance(10, List.of(4L)), 10);
        now.addAndGet(4 * SECOND);
        assertThat(open.complete("lineage", 0, GapAwareTrackingToken.newInstance(11, List.of()), 11)).isEqualTo(11);

        now.addAndGet(4 * SECOND);
        assertThat(open.complete("lineage", 0, GapAwareTrackingToken.newInstance(12, List.of(4L)), 12)).isEqualTo(3);
    }

    @Test
    void segmentsAndProcessorsAreTimedApart() {
        TrackingToken token = GapAwareTrackingToken.newInstance(10, List.of(4L));
        open.complete("money", 0, token, 10);
        now.addAndGet(4 * SECOND);
        open.complete("money", 1, token, 10);
        open.complete("releases", 0, token, 10);
        now.addAndGet(SECOND);

        assertThat(open.complete("money", 0, token, 10)).isEqualTo(10);
        assertThat(open.complete("money", 1, token, 10)).isEqualTo(3);
        assertThat(open.complete("releases", 0, token, 10)).isEqualTo(3);
    }

    @Test
    void aReplayIsCompleteBelowTheGapsOfWhereItHasGot() {
        TrackingToken replay = ReplayToken.createReplayToken(GapAwareTrackingToken.newInstance(50, List.of()),
                GapAwareTrackingToken.newInstance(20, List.of(12L)));
        assertThat(open.complete("lineage", 0, replay, 20)).isEqualTo(11);
    }

    @Test
    void aGapIsPassedWhenTheStoreSaysItsUnitOfWorkEndedWithoutAnEvent() {
        Set<Long> abandoned = new HashSet<>();
        List<List<Long>> asked = new ArrayList<>();
        List<Long> marks = new ArrayList<>();
        Abandonment store = new Abandonment() {
            @Override
            public Object mark() {
                marks.add(now.get());
                return now.get();
            }

            @Override
            public Set<Long> abandoned(Object mark, List<Long> positions) {
                assertThat((Long) mark).as("asked after the mark").isLessThan(now.get());
                asked.add(positions);
                return positions.stream().filter(abandoned::contains).collect(Collectors.toSet());
            }
        };
        OpenPositions told = new OpenPositions(Duration.ofSeconds(5), store, now::get);
        TrackingToken token = GapAwareTrackingToken.newInstance(10, List.of(4L, 5L, 7L));

        assertThat(told.complete("lineage", 0, token, 10)).as("first sight: only marked").isEqualTo(3);
        assertThat(marks).hasSize(1);
        assertThat(asked).isEmpty();
        now.addAndGet(Duration.ofMillis(5).toNanos());
        assertThat(told.complete("lineage", 0, token, 10)).isEqualTo(3);
        assertThat(asked).as("the gaps marked together are asked about together").containsExactly(List.of(4L, 5L, 7L));

        abandoned.addAll(List.of(4L, 5L));
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(told.complete("lineage", 0, token, 10)).as("asked again only after 5 ms").isEqualTo(3);
        now.addAndGet(Duration.ofMillis(4).toNanos());
        assertThat(told.complete("lineage", 0, token, 10)).as("4 and 5 abandoned, 7 may still fill").isEqualTo(6);

        abandoned.add(7L);
        now.addAndGet(Duration.ofMillis(5).toNanos());
        assertThat(told.complete("lineage", 0, token, 10)).isEqualTo(10);
        assertThat(asked).containsExactly(List.of(4L, 5L, 7L), List.of(4L, 5L, 7L), List.of(7L));
        assertThat(marks).hasSize(1);
    }

    @Test
    void aThousandEmptyPositionsInARowArePassedInOneQuestion() {
        List<Long> run = LongStream.rangeClosed(1_001, 2_000).boxed().toList();
        List<List<Long>> asked = new ArrayList<>();
        OpenPositions told = new OpenPositions(Duration.ofSeconds(5), new Abandonment() {
            @Override
            public Object mark() {
                return "mark";
            }

            @Override
            public Set<Long> abandoned(Object mark, List<Long> positions) {
                asked.add(positions);
                return Set.copyOf(positions);
            }
        }, now::get);
        TrackingToken token = GapAwareTrackingToken.newInstance(2_500, run);
        assertThat(told.complete("money", 0, token, 2_500)).isEqualTo(1_000);
        now.addAndGet(Duration.ofMillis(5).toNanos());
        assertThat(told.complete("money", 0, token, 2_500)).isEqualTo(2_500);
        assertThat(asked).containsExactly(run);
    }
}
