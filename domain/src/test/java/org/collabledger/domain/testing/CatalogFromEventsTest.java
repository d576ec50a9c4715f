package org.collabledger.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.DRAWING;
import static org.collabledger.domain.testing.Samples.REMIX;
import static org.collabledger.domain.testing.Samples.REMIX_OF_REMIX;
import static org.collabledger.domain.testing.Samples.SONG;
import static org.collabledger.domain.testing.Samples.STORY;
import static org.collabledger.domain.testing.Samples.cite;
import static org.collabledger.domain.testing.Samples.registered;
import static org.collabledger.domain.testing.Samples.remixed;
import static org.collabledger.domain.testing.Samples.takenDown;
import static org.collabledger.domain.testing.Samples.uploaded;

import java.util.List;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.catalog.LedgerCatalog.RecordState;
import org.collabledger.domain.record.RecordEvent.CitationAdded;
import org.collabledger.domain.record.RecordEvent.CitationRemoved;
import org.junit.jupiter.api.Test;

/** The in-memory catalog answers as the port promises, so the aggregate tests can trust it. */
class CatalogFromEventsTest {

    private final CatalogFromEvents catalog = new CatalogFromEvents();

    @Test
    void aHandleBelongsToWhoeverHoldsItNow() {
        catalog.given(
                registered(ALICE, "alice"), new ArtistProfileChanged(ALICE, "alice.l", "Alice"));

        assertThat(catalog.artistExists(ALICE)).isTrue();
        assertThat(catalog.artistExists(BOB)).isFalse();
        assertThat(catalog.artistByHandle("alice")).isEmpty();
        assertThat(catalog.artistByHandle("alice.l")).contains(ALICE);
    }

    @Test
    void unknownRecordsAreAbsentAndTakedownsAreSeen() {
        catalog.given(
                registered(ALICE, "alice"),
                uploaded(SONG, ALICE),
                uploaded(DRAWING, ALICE),
                takenDown(DRAWING));

        assertThat(catalog.lockRecords(List.of(SONG, DRAWING, STORY)))
                .containsOnlyKeys(SONG, DRAWING)
                .containsEntry(SONG, new RecordState(SONG, ALICE, false))
                .containsEntry(DRAWING, new RecordState(DRAWING, ALICE, true));
    }

    @Test
    void reachesFollowsCitedResourcesIncludingCorrections() {
        catalog.given(
                registered(ALICE, "alice"),
                uploaded(SONG, ALICE),
                uploaded(STORY, ALICE),
                remixed(REMIX, ALICE, cite(SONG, 1)),
                uploaded(REMIX_OF_REMIX, ALICE),
                new CitationAdded(REMIX_OF_REMIX, cite(REMIX, 1), "sampled"));

        assertThat(catalog.reaches(REMIX_OF_REMIX, SONG)).isTrue();
        assertThat(catalog.reaches(SONG, SONG)).isTrue();
        assertThat(catalog.reaches(SONG, REMIX_OF_REMIX)).isFalse();
        assertThat(catalog.reaches(REMIX_OF_REMIX, STORY)).isFalse();

        catalog.given(new CitationRemoved(REMIX, SONG, "not sampled"));

        assertThat(catalog.reaches(REMIX_OF_REMIX, SONG)).isFalse();
    }

    @Test
    void aHistoryThatCitesAnUnknownRecordIsAMistakeInTheTest() {
        catalog.given(registered(ALICE, "alice"));

        assertThatThrownBy(() -> catalog.given(remixed(REMIX, ALICE, cite(SONG, 1))))
                .isInstanceOf(IllegalStateException.class);
    }
}
