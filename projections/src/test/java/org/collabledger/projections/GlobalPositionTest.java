package org.collabledger.projections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

/**
 * A fact is keyed by its event's position, which its token holds; a token without one fails loudly.
 */
class GlobalPositionTest {

    @Test
    void anEventIsKeyedByItsTokensPosition() {
        assertThat(GlobalPosition.of(GapAwareTrackingToken.newInstance(10, Set.of(7L))))
                .isEqualTo(10);
        assertThat(GlobalPosition.of(new GlobalSequenceTrackingToken(3))).isEqualTo(3);
    }

    @Test
    void aTokenWithoutAPositionCannotKeyAFact() {
        TrackingToken positionless =
                new TrackingToken() {
                    @Override
                    public TrackingToken lowerBound(TrackingToken other) {
                        return this;
                    }

                    @Override
                    public TrackingToken upperBound(TrackingToken other) {
                        return this;
                    }

                    @Override
                    public boolean covers(TrackingToken other) {
                        return false;
                    }
                };
        assertThatThrownBy(() -> GlobalPosition.of(positionless))
                .isInstanceOf(IllegalStateException.class);
    }
}
