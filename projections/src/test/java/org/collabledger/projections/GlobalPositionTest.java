package org.collabledger.projections;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/** A fact is keyed by its event's own position: a late commit's, which its token does not hold, or the token's. */
class GlobalPositionTest {

    @Test
    void aLateCommitIsKeyedByItsOwnPositionNotByTheTokens() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(10, java.util.Set.of(7L));
        GenericEventMessage<String> late = new GenericEventMessage<>("event 4",
                MetaData.with(GlobalPosition.LATE_COMMIT, 4));

        assertThat(GlobalPosition.of(token, late)).isEqualTo(4);
    }

    @Test
    void anyOtherEventIsKeyedByItsTokensPosition() {
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(10, java.util.Set.of());

        assertThat(GlobalPosition.of(token, new GenericEventMessage<>("event 10"))).isEqualTo(10);
    }
}
