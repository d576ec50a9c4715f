package org.collabledger.domain.collaboration;

import static org.collabledger.domain.testing.RefusalMatcher.refusal;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.CALL;
import static org.collabledger.domain.testing.Samples.DRAWING;
import static org.collabledger.domain.testing.Samples.SONG;
import static org.collabledger.domain.testing.Samples.registered;
import static org.collabledger.domain.testing.Samples.takenDown;
import static org.collabledger.domain.testing.Samples.uploaded;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.collabledger.domain.collaboration.CollaborationCommand.CloseCollaboration;
import org.collabledger.domain.collaboration.CollaborationCommand.OpenCollaboration;
import org.collabledger.domain.collaboration.CollaborationCommand.SubmitRecord;
import org.collabledger.domain.collaboration.CollaborationEvent.CollaborationClosed;
import org.collabledger.domain.collaboration.CollaborationEvent.CollaborationOpened;
import org.collabledger.domain.collaboration.CollaborationEvent.RecordSubmitted;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.testing.CatalogFromEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of an open call: it has a theme and a prompt, and takes each existing record once until
 * it closes.
 */
class CollaborationTest {

    private static final CollaborationOpened OPENED =
            new CollaborationOpened(
                    CALL, "First times", "memory", "Do you remember your first time?");

    private final CatalogFromEvents catalog = new CatalogFromEvents();
    private AggregateTestFixture<Collaboration> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Collaboration.class);
        fixture.registerInjectableResource(catalog);
        catalog.given(registered(ALICE, "alice"), registered(BOB, "bob"), uploaded(SONG, ALICE));
    }

    @Test
    void aCollaborationOpensWithATitleAThemeAndAPrompt() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenCollaboration(
                                CALL,
                                " First times ",
                                "memory",
                                "Do you remember your first time?"))
                .expectEvents(OPENED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"title", "theme", "prompt"})
    void aCollaborationNeedsATitleAThemeAndAPrompt(String missing) {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenCollaboration(
                                CALL,
                                missing.equals("title") ? " " : "First times",
                                missing.equals("theme") ? null : "memory",
                                missing.equals("prompt") ? "" : "Do you remember your first time?"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, missing))
                .expectNoEvents();
    }

    @Test
    void aPromptIsAtMostTwoThousandCharacters() {
        fixture.givenNoPriorActivity()
                .when(new OpenCollaboration(CALL, "First times", "memory", "?".repeat(2001)))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "prompt"))
                .expectNoEvents();
    }

    @Test
    void collaborationIdIsALedgerId() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenCollaboration(
                                "first-times", "First times", "memory", "Do you remember?"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "collaborationId"))
                .expectNoEvents();
    }

    @Test
    void aCollaborationCloses() {
        fixture.given(catalog.given(OPENED))
                .when(new CloseCollaboration(CALL))
                .expectEvents(new CollaborationClosed(CALL));
    }

    @Test
    void aCollaborationClosesOnlyOnce() {
        fixture.given(catalog.given(OPENED, new CollaborationClosed(CALL)))
                .when(new CloseCollaboration(CALL))
                .expectException(refusal(ErrorCode.COLLABORATION_CLOSED, null))
                .expectNoEvents();
    }

    @Test
    void aSubmissionCreditsTheRecordsCreator() {
        fixture.given(catalog.given(OPENED))
                .when(new SubmitRecord(CALL, SONG))
                .expectEvents(new RecordSubmitted(CALL, SONG, ALICE));
    }

    @Test
    void aClosedCollaborationTakesNoSubmissions() {
        fixture.given(catalog.given(OPENED, new CollaborationClosed(CALL)))
                .when(new SubmitRecord(CALL, SONG))
                .expectException(refusal(ErrorCode.COLLABORATION_CLOSED, null))
                .expectNoEvents();
    }

    @Test
    void aRecordIsSubmittedOnlyOnce() {
        fixture.given(catalog.given(OPENED, new RecordSubmitted(CALL, SONG, ALICE)))
                .when(new SubmitRecord(CALL, SONG))
                .expectException(refusal(ErrorCode.ALREADY_SUBMITTED, "recordId"))
                .expectNoEvents();
    }

    @Test
    void onlyExistingRecordsCanBeSubmitted() {
        fixture.given(catalog.given(OPENED))
                .when(new SubmitRecord(CALL, DRAWING))
                .expectException(refusal(ErrorCode.UNKNOWN_RECORD, "recordId"))
                .expectNoEvents();
    }

    @Test
    void aTakenDownRecordCannotBeSubmitted() {
        catalog.given(uploaded(DRAWING, BOB), takenDown(DRAWING));

        fixture.given(catalog.given(OPENED))
                .when(new SubmitRecord(CALL, DRAWING))
                .expectException(refusal(ErrorCode.RECORD_TAKEN_DOWN, "recordId"))
                .expectNoEvents();
    }

    @Test
    void submittedRecordIdIsALedgerId() {
        fixture.given(catalog.given(OPENED))
                .when(new SubmitRecord(CALL, "song"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "recordId"))
                .expectNoEvents();
    }
}
