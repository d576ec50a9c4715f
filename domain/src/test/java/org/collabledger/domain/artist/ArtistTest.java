package org.collabledger.domain.artist;

import static org.collabledger.domain.testing.RefusalMatcher.refusal;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.registered;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.collabledger.domain.artist.ArtistCommand.ChangeArtistProfile;
import org.collabledger.domain.artist.ArtistCommand.ChangePersonalData;
import org.collabledger.domain.artist.ArtistCommand.ForgetArtist;
import org.collabledger.domain.artist.ArtistCommand.RegisterArtist;
import org.collabledger.domain.artist.ArtistEvent.ArtistForgotten;
import org.collabledger.domain.artist.ArtistEvent.ArtistPersonalDataChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.testing.CatalogFromEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules an artist keeps: a valid, unique public handle and a display name. */
class ArtistTest {

    private final CatalogFromEvents catalog = new CatalogFromEvents();
    private AggregateTestFixture<Artist> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Artist.class);
        fixture.registerInjectableResource(catalog);
    }

    @Test
    void anArtistRegistersWithAHandleAndADisplayName() {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, "alice", "Alice Liddell"))
                .expectEvents(new ArtistRegistered(ALICE, "alice", "Alice Liddell"));
    }

    @Test
    void handleIsKeptInLowerCaseAndNamesWithoutSurroundingBlanks() {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, "  Alice.L ", "  Alice Liddell "))
                .expectEvents(new ArtistRegistered(ALICE, "alice.l", "Alice Liddell"));
    }

    @Test
    void handleIsUniqueAcrossArtists() {
        catalog.given(registered(BOB, "alice"));

        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, "alice", "Alice"))
                .expectException(refusal(ErrorCode.HANDLE_TAKEN, "handle"))
                .expectNoEvents();
    }

    @Test
    void handleIsUniqueWhateverItsCase() {
        catalog.given(registered(BOB, "alice"));

        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, "ALICE", "Alice"))
                .expectException(refusal(ErrorCode.HANDLE_TAKEN, "handle"))
                .expectNoEvents();
    }

    @Test
    void aHandleGivenUpCanBeTakenByAnotherArtist() {
        catalog.given(registered(BOB, "alice"), new ArtistProfileChanged(BOB, "bob", "Bob"));

        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, "alice", "Alice"))
                .expectEvents(new ArtistRegistered(ALICE, "alice", "Alice"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "-alice",
                ".alice",
                "al ice",
                "alice!",
                "älice",
                "",
                "   ",
                "a23456789012345678901234567890123"
            })
    void handleIsTwoToThirtyTwoLettersDigitsDotsUnderscoresOrDashes(String handle) {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, handle, "Alice"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "handle"))
                .expectNoEvents();
    }

    @Test
    void handleMayBeThirtyTwoCharactersLong() {
        String longest = "a2345678901234567890123456789012";
        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, longest, "Alice"))
                .expectEvents(new ArtistRegistered(ALICE, longest, "Alice"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "Alice\u0000", "Alice\r"})
    void displayNameIsRequiredPlainText(String displayName) {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, "alice", displayName))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "displayName"))
                .expectNoEvents();
    }

    @Test
    void displayNameIsAtMostOneHundredCharacters() {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(ALICE, "alice", "x".repeat(101)))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "displayName"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alice",
                "00000000-0000-0000-0000-00000000010A",
                "0-0-0-0-101",
                "{00000000-0000-0000-0000-000000000101}"
            })
    void artistIdIsALedgerId(String artistId) {
        fixture.givenNoPriorActivity()
                .when(new RegisterArtist(artistId, "alice", "Alice"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "artistId"))
                .expectNoEvents();
    }

    @Test
    void anArtistChangesHandleAndDisplayName() {
        fixture.given(catalog.given(registered(ALICE, "alice")))
                .when(new ChangeArtistProfile(ALICE, "alice.l", "Alice Liddell", null))
                .expectEvents(new ArtistProfileChanged(ALICE, "alice.l", "Alice Liddell"));
    }

    @Test
    void aProfileChangeWithoutAHandleKeepsTheHandle() {
        fixture.given(catalog.given(registered(ALICE, "alice")))
                .when(new ChangeArtistProfile(ALICE, null, "Alice Liddell", null))
                .expectEvents(new ArtistProfileChanged(ALICE, "alice", "Alice Liddell"));
    }

    @Test
    void aProfileChangeWithoutADisplayNameKeepsTheDisplayName() {
        fixture.given(catalog.given(new ArtistRegistered(ALICE, "alice", "Alice")))
                .when(new ChangeArtistProfile(ALICE, "alice.l", null, null))
                .expectEvents(new ArtistProfileChanged(ALICE, "alice.l", "Alice"));
    }

    @Test
    void aProfileChangeThatChangesNothingRecordsNothing() {
        fixture.given(catalog.given(new ArtistRegistered(ALICE, "alice", "Alice")))
                .when(new ChangeArtistProfile(ALICE, "ALICE", "Alice", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void handleIsUniqueAcrossArtistsWhenChanged() {
        catalog.given(registered(BOB, "bob"));

        fixture.given(catalog.given(registered(ALICE, "alice")))
                .when(new ChangeArtistProfile(ALICE, "bob", null, null))
                .expectException(refusal(ErrorCode.HANDLE_TAKEN, "handle"))
                .expectNoEvents();
    }

    @Test
    void aChangedHandleFollowsTheHandleRules() {
        fixture.given(catalog.given(registered(ALICE, "alice")))
                .when(new ChangeArtistProfile(ALICE, "al ice", null, null))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "handle"))
                .expectNoEvents();
    }

    @Test
    void aDisplayNameCannotBeChangedToBlank() {
        fixture.given(catalog.given(registered(ALICE, "alice")))
                .when(new ChangeArtistProfile(ALICE, null, "  ", null))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "displayName"))
                .expectNoEvents();
    }

    private static final String CIPHERTEXT = "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJCrze8S";

    @Test
    void personalDataIsRecordedOnlyAsCiphertext() {
        fixture.given(catalog.given(registered(ALICE, "alice")))
                .when(new ChangePersonalData(ALICE, CIPHERTEXT, null))
                .expectEvents(new ArtistPersonalDataChanged(ALICE, CIPHERTEXT));
    }

    @Test
    void personalDataThatIsNotBase64IsRefused() {
        fixture.given(catalog.given(registered(ALICE, "alice")))
                .when(new ChangePersonalData(ALICE, "Alice Liddell, alice@example.org", null))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "ciphertext"))
                .expectNoEvents();
    }

    @Test
    void aForgottenArtistGetsNoPersonalDataAgain() {
        fixture.given(
                        catalog.given(
                                registered(ALICE, "alice"), new ArtistForgotten(ALICE, "asked")))
                .when(new ChangePersonalData(ALICE, CIPHERTEXT, null))
                .expectException(refusal(ErrorCode.ARTIST_FORGOTTEN, "artistId"))
                .expectNoEvents();
    }

    @Test
    void anArtistIsForgottenOnce() {
        fixture.given(
                        catalog.given(
                                registered(ALICE, "alice"), new ArtistForgotten(ALICE, "asked")))
                .when(new ForgetArtist(ALICE, "asked again"))
                .expectException(refusal(ErrorCode.ARTIST_FORGOTTEN, "artistId"))
                .expectNoEvents();
    }

    @Test
    void forgettingNeedsAReason() {
        fixture.given(catalog.given(registered(ALICE, "alice")))
                .when(new ForgetArtist(ALICE, " "))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "reason"))
                .expectNoEvents();
    }

    @Test
    void aChangeAgainstAnOlderVersionIsRefused() {
        fixture.given(
                        catalog.given(
                                registered(ALICE, "alice"),
                                new ArtistProfileChanged(ALICE, "alice", "Al")))
                .when(new ChangeArtistProfile(ALICE, null, "Alice", 0L))
                .expectException(
                        org.axonframework.modelling.command.ConflictingAggregateVersionException
                                .class)
                .expectNoEvents();
    }

    @Test
    void aChangeAgainstTheCurrentVersionIsMade() {
        fixture.given(
                        catalog.given(
                                registered(ALICE, "alice"),
                                new ArtistProfileChanged(ALICE, "alice", "Al")))
                .when(new ChangeArtistProfile(ALICE, null, "Alice", 1L))
                .expectEvents(new ArtistProfileChanged(ALICE, "alice", "Alice"));
    }
}
