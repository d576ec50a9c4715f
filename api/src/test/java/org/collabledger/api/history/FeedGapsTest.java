package org.collabledger.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.collabledger.api.history.FeedGaps.EmptyRun;
import org.collabledger.api.projections.Abandonment;
import org.junit.jupiter.api.Test;

/**
 * Where the store cannot tell that a unit of work ended, a feed page passes an empty position only once the
 * event above it was stamped the gap timeout ago.
 */
class FeedGapsTest {

    private final FeedGaps gaps = new FeedGaps(Abandonment.UNKNOWN, Duration.ofSeconds(5));

    @Test
    void aRunBelowAnEventStampedTheTimeoutAgoHasSettled() {
        assertThat(gaps.firstOpen(List.of(new EmptyRun(4, 6, ago(Duration.ofSeconds(5)))))).isEqualTo(Long.MAX_VALUE);
        assertThat(gaps.firstOpen(List.of())).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aRunBelowARecentEventMayStillFill() {
        assertThat(gaps.firstOpen(List.of(new EmptyRun(4, 6, ago(Duration.ofSeconds(4)))))).isEqualTo(4);
    }

    @Test
    void thePageEndsBelowTheFirstRunThatMayStillFill() {
        assertThat(gaps.firstOpen(List.of(new EmptyRun(4, 4, ago(Duration.ofMinutes(3))),
                new EmptyRun(9, 11, ago(Duration.ofMillis(10))), new EmptyRun(15, 15, ago(Duration.ZERO)))))
                .isEqualTo(9);
    }

    private static Instant ago(Duration duration) {
        return GenericEventMessage.clock.instant().minus(duration);
    }
}
