package org.collabledger.domain.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.collabledger.domain.testing.RefusalMatcher.refusal;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.CONTENT_URI;
import static org.collabledger.domain.testing.Samples.DIGEST;
import static org.collabledger.domain.testing.Samples.DRAWING;
import static org.collabledger.domain.testing.Samples.REMIX;
import static org.collabledger.domain.testing.Samples.REMIX_OF_REMIX;
import static org.collabledger.domain.testing.Samples.SONG;
import static org.collabledger.domain.testing.Samples.STORY;
import static org.collabledger.domain.testing.Samples.TITLE;
import static org.collabledger.domain.testing.Samples.cite;
import static org.collabledger.domain.testing.Samples.record;
import static org.collabledger.domain.testing.Samples.registered;
import static org.collabledger.domain.testing.Samples.remixed;
import static org.collabledger.domain.testing.Samples.takenDown;
import static org.collabledger.domain.testing.Samples.uploaded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.collabledger.domain.record.RecordCommand.AddCitation;
import org.collabledger.domain.record.RecordCommand.RemoveCitation;
import org.collabledger.domain.record.RecordCommand.TakeDownRecord;
import org.collabledger.domain.record.RecordCommand.UploadRecord;
import org.collabledger.domain.record.RecordEvent.CitationAdded;
import org.collabledger.domain.record.RecordEvent.CitationRemoved;
import org.collabledger.domain.record.RecordEvent.RecordTakenDown;
import org.collabledger.domain.record.RecordEvent.RecordUploaded;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.testing.CatalogFromEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules a record keeps: what an upload must say, what a remix may cite, and how lineage is
 * corrected.
 */
class RecordTest {

    private final CatalogFromEvents catalog = new CatalogFromEvents();
    private AggregateTestFixture<Record> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Record.class);
        fixture.registerInjectableResource(catalog);
        catalog.given(registered(ALICE, "alice"), registered(BOB, "bob"));
    }

    private static UploadRecord upload(String recordId, Citation... resources) {
        return new UploadRecord(
                recordId, ALICE, TITLE, MediaType.AUDIO, DIGEST, CONTENT_URI, List.of(resources));
    }

    private static UploadRecord upload(String recordId, List<Citation> resources) {
        return new UploadRecord(
                recordId, ALICE, TITLE, MediaType.AUDIO, DIGEST, CONTENT_URI, resources);
    }

    private static List<Citation> citations(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> cite(record(n), 1)).toList();
    }

    private void givenUploadedByBob(int count) {
        IntStream.rangeClosed(1, count).forEach(n -> catalog.given(uploaded(record(n), BOB)));
    }

    // --- uploads ---

    @Test
    void anUploadWithoutResourcesIsAnOriginal() {
        fixture.givenNoPriorActivity()
                .when(
                        new UploadRecord(
                                SONG,
                                ALICE,
                                " First time ",
                                MediaType.AUDIO,
                                DIGEST,
                                CONTENT_URI,
                                null))
                .expectEvents(
                        new RecordUploaded(
                                SONG, ALICE, TITLE, MediaType.AUDIO, DIGEST, CONTENT_URI));
    }

    @Test
    void anUploadWithAnEmptyResourceListIsAnOriginal() {
        fixture.givenNoPriorActivity().when(upload(SONG)).expectEvents(uploaded(SONG, ALICE));
    }

    @Test
    void uploaderMustBeARegisteredArtist() {
        String stranger = "00000000-0000-0000-0000-000000000199";
        fixture.givenNoPriorActivity()
                .when(
                        new UploadRecord(
                                SONG,
                                stranger,
                                TITLE,
                                MediaType.AUDIO,
                                DIGEST,
                                CONTENT_URI,
                                List.of()))
                .expectException(refusal(ErrorCode.UNKNOWN_ARTIST, "creatorId"))
                .expectNoEvents();
    }

    @Test
    void recordIdIsALedgerId() {
        fixture.givenNoPriorActivity()
                .when(upload("00000000-0000-0000-0000-00000000020A"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "recordId"))
                .expectNoEvents();
    }

    @Test
    void creatorIdIsALedgerId() {
        fixture.givenNoPriorActivity()
                .when(
                        new UploadRecord(
                                SONG,
                                "alice",
                                TITLE,
                                MediaType.AUDIO,
                                DIGEST,
                                CONTENT_URI,
                                List.of()))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "creatorId"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void titleIsRequired(String title) {
        fixture.givenNoPriorActivity()
                .when(
                        new UploadRecord(
                                SONG,
                                ALICE,
                                title,
                                MediaType.AUDIO,
                                DIGEST,
                                CONTENT_URI,
                                List.of()))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "title"))
                .expectNoEvents();
    }

    @Test
    void titleIsAtMostTwoHundredCharacters() {
        fixture.givenNoPriorActivity()
                .when(
                        new UploadRecord(
                                SONG,
                                ALICE,
                                "t".repeat(201),
                                MediaType.AUDIO,
                                DIGEST,
                                CONTENT_URI,
                                List.of()))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "title"))
                .expectNoEvents();
    }

    @Test
    void mediaTypeIsRequired() {
        fixture.givenNoPriorActivity()
                .when(new UploadRecord(SONG, ALICE, TITLE, null, DIGEST, CONTENT_URI, List.of()))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "mediaType"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b8555",
                "g3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                "md5:d41d8cd98f00b204e9800998ecf8427e"
            })
    void contentDigestIsASha256InSixtyFourLowerCaseHexDigits(String digest) {
        fixture.givenNoPriorActivity()
                .when(
                        new UploadRecord(
                                SONG,
                                ALICE,
                                TITLE,
                                MediaType.AUDIO,
                                digest,
                                CONTENT_URI,
                                List.of()))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "contentDigest"))
                .expectNoEvents();
    }

    @Test
    void contentDigestMayCarryASha256Prefix() {
        fixture.givenNoPriorActivity()
                .when(
                        new UploadRecord(
                                SONG,
                                ALICE,
                                TITLE,
                                MediaType.AUDIO,
                                "sha256:" + DIGEST,
                                CONTENT_URI,
                                null))
                .expectEvents(uploaded(SONG, ALICE));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "media.example/x.wav",
                "/x.wav",
                "ftp://media.example/x.wav",
                "file:///etc/passwd",
                "javascript:alert(1)",
                "https://media.example/a b.wav"
            })
    void contentUriIsAnAbsoluteHttpS3IpfsOrArweaveUri(String uri) {
        fixture.givenNoPriorActivity()
                .when(new UploadRecord(SONG, ALICE, TITLE, MediaType.AUDIO, DIGEST, uri, List.of()))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "contentUri"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://media.example/x.wav",
                "s3://bucket/x.wav",
                "ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi",
                "ar://abc"
            })
    void contentMayLiveOnHttpS3IpfsOrArweave(String uri) {
        fixture.givenNoPriorActivity()
                .when(new UploadRecord(SONG, ALICE, TITLE, MediaType.IMAGE, DIGEST, uri, null))
                .expectEvents(new RecordUploaded(SONG, ALICE, TITLE, MediaType.IMAGE, DIGEST, uri));
    }

    // --- remixes ---

    @Test
    void aRemixRecordsTheResourcesItCitesWithTheirWeights() {
        catalog.given(uploaded(SONG, BOB), uploaded(DRAWING, BOB));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, cite(SONG, 3), cite(DRAWING, 1)))
                .expectEvents(remixed(REMIX, ALICE, cite(SONG, 3), cite(DRAWING, 1)));
    }

    @Test
    void aRemixMayCiteARemix() {
        catalog.given(uploaded(SONG, BOB), remixed(REMIX, BOB, cite(SONG, 1)));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX_OF_REMIX, cite(REMIX, 1)))
                .expectEvents(remixed(REMIX_OF_REMIX, ALICE, cite(REMIX, 1)));
    }

    @Test
    void remixMayCiteSixteenResources() {
        givenUploadedByBob(16);

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, citations(16)))
                .expectEvents(remixed(REMIX, ALICE, citations(16).toArray(Citation[]::new)));
    }

    @Test
    void remixCitesAtMostSixteenResources() {
        givenUploadedByBob(17);

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, citations(17)))
                .expectException(refusal(ErrorCode.TOO_MANY_RESOURCES, "resources"))
                .expectNoEvents();
    }

    @Test
    void remixCannotCiteTheSameResourceTwice() {
        catalog.given(uploaded(SONG, BOB), uploaded(DRAWING, BOB));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, cite(SONG, 1), cite(DRAWING, 1), cite(SONG, 2)))
                .expectException(refusal(ErrorCode.DUPLICATE_RESOURCE, "resources[2].recordId"))
                .expectNoEvents();
    }

    @Test
    void remixCannotCiteItself() {
        catalog.given(uploaded(SONG, BOB));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, cite(SONG, 1), cite(REMIX, 1)))
                .expectException(refusal(ErrorCode.SELF_CITATION, "resources[1].recordId"))
                .expectNoEvents();
    }

    @Test
    void remixCannotCiteAnUnknownRecord() {
        catalog.given(uploaded(SONG, BOB));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, cite(SONG, 1), cite(DRAWING, 1)))
                .expectException(refusal(ErrorCode.UNKNOWN_RESOURCE, "resources[1].recordId"))
                .expectNoEvents();
    }

    @Test
    void remixCannotCiteATakenDownRecord() {
        catalog.given(uploaded(SONG, BOB), uploaded(DRAWING, BOB), takenDown(DRAWING));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, cite(SONG, 1), cite(DRAWING, 1)))
                .expectException(refusal(ErrorCode.RESOURCE_TAKEN_DOWN, "resources[1].recordId"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
    void weightsArePositive(int weight) {
        catalog.given(uploaded(SONG, BOB), uploaded(DRAWING, BOB));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, cite(SONG, 1), cite(DRAWING, weight)))
                .expectException(refusal(ErrorCode.INVALID_WEIGHT, "resources[1].weight"))
                .expectNoEvents();
    }

    @Test
    void citedResourceIdsAreLedgerIds() {
        catalog.given(uploaded(SONG, BOB));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, cite(SONG, 1), cite("song", 1)))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "resources[1].recordId"))
                .expectNoEvents();
    }

    @Test
    void aMissingResourceIsRefusedAsBadInput() {
        catalog.given(uploaded(SONG, BOB));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, Arrays.asList(cite(SONG, 1), null)))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "resources[1]"))
                .expectNoEvents();
    }

    @Test
    void aRemixLocksTheResourcesItCites() {
        catalog.given(uploaded(SONG, BOB), uploaded(DRAWING, BOB));

        fixture.givenNoPriorActivity()
                .when(upload(REMIX, cite(SONG, 1), cite(DRAWING, 1)))
                .expectSuccessfulHandlerExecution();

        assertThat(catalog.calls())
                .contains("lockRecords(" + SONG + "," + DRAWING + ")"); // ids sorted
    }

    // --- takedowns ---

    @Test
    void aTakedownRecordsItsReason() {
        fixture.given(catalog.given(uploaded(SONG, ALICE)))
                .when(new TakeDownRecord(SONG, "copyright claim"))
                .expectEvents(new RecordTakenDown(SONG, "copyright claim"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aTakedownNeedsAReason(String reason) {
        fixture.given(catalog.given(uploaded(SONG, ALICE)))
                .when(new TakeDownRecord(SONG, reason))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "reason"))
                .expectNoEvents();
    }

    @Test
    void aTakedownWaitsForEveryCommandHoldingTheRecord() {
        fixture.given(catalog.given(uploaded(SONG, ALICE)))
                .when(new TakeDownRecord(SONG, "copyright claim"))
                .expectSuccessfulHandlerExecution();

        assertThat(catalog.calls()).contains("lockRecordExclusively(" + SONG + ")");
    }

    @Test
    void aRefusedTakedownLocksNothing() {
        fixture.given(catalog.given(uploaded(SONG, ALICE), takenDown(SONG)))
                .when(new TakeDownRecord(SONG, "another claim"))
                .expectException(refusal(ErrorCode.ALREADY_TAKEN_DOWN, null));

        assertThat(catalog.calls()).noneMatch(call -> call.startsWith("lockRecordExclusively"));
    }

    @Test
    void aRecordIsTakenDownOnlyOnce() {
        fixture.given(catalog.given(uploaded(SONG, ALICE), takenDown(SONG)))
                .when(new TakeDownRecord(SONG, "another claim"))
                .expectException(refusal(ErrorCode.ALREADY_TAKEN_DOWN, null))
                .expectNoEvents();
    }

    // --- citation corrections ---

    @Test
    void curatorCanAddAMissingCitation() {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(uploaded(REMIX, ALICE)))
                .when(new AddCitation(REMIX, SONG, 2, "the bass line is Bob's"))
                .expectEvents(new CitationAdded(REMIX, cite(SONG, 2), "the bass line is Bob's"));
    }

    @Test
    void curatorCannotAddACitationThatClosesACycle() {
        var song = catalog.given(uploaded(SONG, ALICE));
        catalog.given(
                remixed(REMIX, BOB, cite(SONG, 1)), remixed(REMIX_OF_REMIX, BOB, cite(REMIX, 1)));

        fixture.given(song)
                .when(new AddCitation(SONG, REMIX_OF_REMIX, 1, "SONG samples REMIX_OF_REMIX"))
                .expectException(refusal(ErrorCode.CITATION_CYCLE, "resourceId"))
                .expectNoEvents();
    }

    @Test
    void curatorCannotAddACitationThatClosesACycleThroughACorrection() {
        var song = catalog.given(uploaded(SONG, ALICE));
        catalog.given(uploaded(REMIX, BOB), new CitationAdded(REMIX, cite(SONG, 1), "sampled"));

        fixture.given(song)
                .when(new AddCitation(SONG, REMIX, 1, "SONG samples REMIX"))
                .expectException(refusal(ErrorCode.CITATION_CYCLE, "resourceId"))
                .expectNoEvents();
    }

    @Test
    void curatorCanAddACitationOnceTheCycleItWouldCloseWasCorrectedAway() {
        var song = catalog.given(uploaded(SONG, ALICE));
        catalog.given(
                remixed(REMIX, BOB, cite(SONG, 1)),
                remixed(REMIX_OF_REMIX, BOB, cite(REMIX, 1)),
                new CitationRemoved(REMIX, SONG, "it never sampled SONG"));

        fixture.given(song)
                .when(new AddCitation(SONG, REMIX_OF_REMIX, 1, "SONG samples REMIX_OF_REMIX"))
                .expectEvents(
                        new CitationAdded(
                                SONG, cite(REMIX_OF_REMIX, 1), "SONG samples REMIX_OF_REMIX"));
    }

    @Test
    void aCitationMayJoinTwoBranchesOfTheSameFamily() {
        catalog.given(uploaded(SONG, BOB), remixed(REMIX, BOB, cite(SONG, 1)));

        fixture.given(catalog.given(remixed(REMIX_OF_REMIX, ALICE, cite(REMIX, 1))))
                .when(new AddCitation(REMIX_OF_REMIX, SONG, 1, "also samples the original"))
                .expectEvents(
                        new CitationAdded(
                                REMIX_OF_REMIX, cite(SONG, 1), "also samples the original"));
    }

    @Test
    void curatorCannotAddACitationTheRecordAlreadyHas() {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(remixed(REMIX, ALICE, cite(SONG, 1))))
                .when(new AddCitation(REMIX, SONG, 2, "weigh it more"))
                .expectException(refusal(ErrorCode.CITATION_EXISTS, "resourceId"))
                .expectNoEvents();
    }

    @Test
    void curatorCannotMakeARecordCiteItself() {
        fixture.given(catalog.given(uploaded(SONG, ALICE)))
                .when(new AddCitation(SONG, SONG, 1, "loop"))
                .expectException(refusal(ErrorCode.SELF_CITATION, "resourceId"))
                .expectNoEvents();
    }

    @Test
    void curatorCannotCiteAnUnknownRecord() {
        fixture.given(catalog.given(uploaded(REMIX, ALICE)))
                .when(new AddCitation(REMIX, SONG, 1, "sampled"))
                .expectException(refusal(ErrorCode.UNKNOWN_RESOURCE, "resourceId"))
                .expectNoEvents();
    }

    @Test
    void curatorCannotCiteATakenDownRecord() {
        catalog.given(uploaded(SONG, BOB), takenDown(SONG));

        fixture.given(catalog.given(uploaded(REMIX, ALICE)))
                .when(new AddCitation(REMIX, SONG, 1, "sampled"))
                .expectException(refusal(ErrorCode.RESOURCE_TAKEN_DOWN, "resourceId"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void aCorrectedCitationAlsoHasAPositiveWeight(int weight) {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(uploaded(REMIX, ALICE)))
                .when(new AddCitation(REMIX, SONG, weight, "sampled"))
                .expectException(refusal(ErrorCode.INVALID_WEIGHT, "weight"))
                .expectNoEvents();
    }

    @Test
    void aCorrectionCannotTakeARecordBeyondSixteenResources() {
        givenUploadedByBob(17);
        var fifteen = citations(15).toArray(Citation[]::new);

        fixture.given(catalog.given(remixed(REMIX, ALICE, fifteen)))
                .andGiven(catalog.given(new CitationAdded(REMIX, cite(record(16), 1), "sampled")))
                .when(new AddCitation(REMIX, record(17), 1, "sampled too"))
                .expectException(refusal(ErrorCode.TOO_MANY_RESOURCES, "resourceId"))
                .expectNoEvents();
    }

    @Test
    void aCorrectionMayBringARecordToSixteenResources() {
        givenUploadedByBob(16);
        var fifteen = citations(15).toArray(Citation[]::new);

        fixture.given(catalog.given(remixed(REMIX, ALICE, fifteen)))
                .when(new AddCitation(REMIX, record(16), 1, "sampled"))
                .expectEvents(new CitationAdded(REMIX, cite(record(16), 1), "sampled"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aCitationCorrectionNeedsAReason(String reason) {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(uploaded(REMIX, ALICE)))
                .when(new AddCitation(REMIX, SONG, 1, reason))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "reason"))
                .expectNoEvents();
    }

    @Test
    void aCitationCorrectionHoldsTheLineageLockWhileCheckingForACycle() {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(uploaded(REMIX, ALICE)))
                .when(new AddCitation(REMIX, SONG, 1, "sampled"))
                .expectSuccessfulHandlerExecution();

        List<String> calls = new ArrayList<>(catalog.calls());
        assertThat(calls).contains("lockLineage", "reaches(" + SONG + "," + REMIX + ")");
        assertThat(calls.indexOf("lockLineage"))
                .isLessThan(calls.indexOf("reaches(" + SONG + "," + REMIX + ")"));
    }

    @Test
    void curatorCanRemoveAWrongCitation() {
        catalog.given(uploaded(SONG, BOB), uploaded(DRAWING, BOB));

        fixture.given(catalog.given(remixed(REMIX, ALICE, cite(SONG, 1), cite(DRAWING, 1))))
                .when(new RemoveCitation(REMIX, DRAWING, "no drawing in a song"))
                .expectEvents(new CitationRemoved(REMIX, DRAWING, "no drawing in a song"));
    }

    @Test
    void curatorCanRemoveACitationAddedByACorrection() {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(uploaded(REMIX, ALICE)))
                .andGiven(catalog.given(new CitationAdded(REMIX, cite(SONG, 1), "sampled")))
                .when(new RemoveCitation(REMIX, SONG, "it was not"))
                .expectEvents(new CitationRemoved(REMIX, SONG, "it was not"));
    }

    @Test
    void curatorCannotRemoveACitationTheRecordDoesNotHave() {
        catalog.given(uploaded(SONG, BOB), uploaded(STORY, BOB));

        fixture.given(catalog.given(remixed(REMIX, ALICE, cite(SONG, 1))))
                .when(new RemoveCitation(REMIX, STORY, "never cited"))
                .expectException(refusal(ErrorCode.CITATION_NOT_FOUND, "resourceId"))
                .expectNoEvents();
    }

    @Test
    void aRemovedCitationCannotBeRemovedAgain() {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(remixed(REMIX, ALICE, cite(SONG, 1))))
                .andGiven(catalog.given(new CitationRemoved(REMIX, SONG, "not sampled")))
                .when(new RemoveCitation(REMIX, SONG, "not sampled"))
                .expectException(refusal(ErrorCode.CITATION_NOT_FOUND, "resourceId"))
                .expectNoEvents();
    }

    @Test
    void aRemovedCitationCanBeAddedAgain() {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(remixed(REMIX, ALICE, cite(SONG, 1))))
                .andGiven(catalog.given(new CitationRemoved(REMIX, SONG, "not sampled")))
                .when(new AddCitation(REMIX, SONG, 4, "it was, heavily"))
                .expectEvents(new CitationAdded(REMIX, cite(SONG, 4), "it was, heavily"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aCitationRemovalNeedsAReason(String reason) {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(remixed(REMIX, ALICE, cite(SONG, 1))))
                .when(new RemoveCitation(REMIX, SONG, reason))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "reason"))
                .expectNoEvents();
    }

    @Test
    void aRecordRemembersItsRemixedResourcesAfterATakedown() {
        catalog.given(uploaded(SONG, BOB));

        fixture.given(catalog.given(remixed(REMIX, ALICE, cite(SONG, 1)), takenDown(REMIX)))
                .when(new RemoveCitation(REMIX, SONG, "not sampled"))
                .expectEvents(new CitationRemoved(REMIX, SONG, "not sampled"));
    }
}
