package org.collabledger.api.storage.kurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;

/**
 * The KurrentDB token's order and bounds, its stored form, and the event ids given to KurrentDB.
 */
class KurrentTrackingTokenTest {

    private final KurrentTrackingToken early = new KurrentTrackingToken(100, 100);
    private final KurrentTrackingToken late = new KurrentTrackingToken(250, 250);

    @Test
    void ordersByCommitThenPrepareAndKeysByPrepare() {
        KurrentTrackingToken sameCommit = new KurrentTrackingToken(250, 310);
        assertThat(late.covers(early)).isTrue();
        assertThat(early.covers(late)).isFalse();
        assertThat(sameCommit.covers(late)).isTrue();
        assertThat(late.covers(sameCommit)).isFalse();
        assertThat(late.covers(null)).isTrue();
        assertThat(early.upperBound(late)).isEqualTo(late);
        assertThat(late.lowerBound(early)).isEqualTo(early);
        assertThat(sameCommit.position()).hasValue(310);
    }

    @Test
    void refusesToCompareWithAnotherEnginesToken() {
        assertThatThrownBy(() -> early.covers(GapAwareTrackingToken.newInstance(5, Set.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("KurrentDB position");
    }

    @Test
    void survivesTheTokenStoresJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readValue(json.writeValueAsBytes(late), KurrentTrackingToken.class))
                .isEqualTo(late);
    }

    @Test
    void eventIdsAreAxonsOwnUuidsOrStableNameBasedOnes() {
        UUID id = UUID.randomUUID();
        assertThat(KurrentEvents.kurrentId(id.toString())).isEqualTo(id);
        assertThat(KurrentEvents.kurrentId("not-a-uuid"))
                .isEqualTo(KurrentEvents.kurrentId("not-a-uuid"))
                .isNotEqualTo(KurrentEvents.kurrentId("not-a-uuid-either"));
        assertThat(KurrentEvents.kurrentId(id.toString().toUpperCase())).isNotEqualTo(id);
    }
}
