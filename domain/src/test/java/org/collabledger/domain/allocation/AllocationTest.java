package org.collabledger.domain.allocation;

import static org.collabledger.domain.testing.RefusalMatcher.refusal;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.CAROL;
import static org.collabledger.domain.testing.Samples.PILOT;
import static org.collabledger.domain.testing.Samples.SONG;
import static org.collabledger.domain.testing.Samples.registered;
import static org.collabledger.domain.testing.Samples.uploaded;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.collabledger.domain.allocation.AllocationCommand.FileComment;
import org.collabledger.domain.allocation.AllocationCommand.ReviseAllocation;
import org.collabledger.domain.allocation.AllocationEvent.AllocationFinalized;
import org.collabledger.domain.allocation.AllocationEvent.AllocationProposed;
import org.collabledger.domain.allocation.AllocationEvent.AllocationRevised;
import org.collabledger.domain.allocation.AllocationEvent.CommentFiled;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.testing.CatalogFromEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The life of an allocation: a proposal split to the last minor unit, comments, revisions, then one
 * finalization.
 */
class AllocationTest {

    private static final String ALLOCATION = "00000000-0000-0000-0000-000000000901";
    private static final String STRANGER = "00000000-0000-0000-0000-000000000199";
    private static final Instant PROPOSED_AT = Instant.parse("2026-07-01T09:00:00Z");
    private static final Instant WINDOW_ENDS = PROPOSED_AT.plus(Duration.ofDays(14));
    private static final Instant REVISED_AT = PROPOSED_AT.plus(Duration.ofDays(10));
    private static final Instant REVISED_WINDOW_ENDS = REVISED_AT.plus(Duration.ofDays(14));

    /** Example A of attribution.md: ana, ben, cai, dee, eve, their ids in that order. */
    private static final String ANA = "00000000-0000-0000-0000-00000000a001";

    private static final String BEN = "00000000-0000-0000-0000-00000000a002";
    private static final String CAI = "00000000-0000-0000-0000-00000000a003";
    private static final String DEE = "00000000-0000-0000-0000-00000000a004";
    private static final String EVE = "00000000-0000-0000-0000-00000000a005";

    /** Example B of attribution.md: kim, lou, max, their ids in that order. */
    private static final String KIM = "00000000-0000-0000-0000-00000000b001";

    private static final String LOU = "00000000-0000-0000-0000-00000000b002";
    private static final String MAX = "00000000-0000-0000-0000-00000000b003";

    private static final List<AllocationLine> THIRDS_OF_1000 =
            List.of(
                    new AllocationLine(ALICE, Fraction.of(1, 3), 334),
                    new AllocationLine(BOB, Fraction.of(1, 3), 333),
                    new AllocationLine(CAROL, Fraction.of(1, 3), 333));
    private static final AllocationProposed PROPOSED =
            new AllocationProposed(
                    ALLOCATION,
                    PILOT,
                    "USD",
                    1_000,
                    THIRDS_OF_1000,
                    14,
                    WINDOW_ENDS,
                    42,
                    PROPOSED_AT);
    private static final List<AllocationLine> ALICE_TAKES_ALL_1000 =
            List.of(new AllocationLine(ALICE, Fraction.ONE, 1_000));
    private static final AllocationRevised REVISED =
            new AllocationRevised(
                    ALLOCATION,
                    1,
                    ALICE_TAKES_ALL_1000,
                    REVISED_WINDOW_ENDS,
                    43,
                    "Bob and Carol were credited by mistake");

    private final CatalogFromEvents catalog = new CatalogFromEvents();
    private AggregateTestFixture<Allocation> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Allocation.class);
        fixture.registerInjectableResource(catalog);
        catalog.given(
                registered(ALICE, "alice"),
                registered(BOB, "bob"),
                registered(CAROL, "carol"),
                uploaded(SONG, ALICE));
    }

    private static Allocation propose(long pool, Map<String, String> shares, int reviewDays) {
        return new Allocation(ALLOCATION, PILOT, "USD", pool, shares, reviewDays, 42, PROPOSED_AT);
    }

    private static Map<String, String> thirds() {
        return Map.of(ALICE, "1/3", BOB, "1/3", CAROL, "1/3");
    }

    // --- proposal ---

    @Test
    void aProposalSplitsThePoolWithTheLargestRemainderAndAFourteenDayWindow() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> propose(1_000, thirds(), 14))
                .expectEvents(PROPOSED);
    }

    @Test
    void workedExampleAPoolOf50000() {
        fixture.givenNoPriorActivity()
                .whenConstructing(
                        () ->
                                propose(
                                        50_000,
                                        Map.of(
                                                ANA, "3/8", BEN, "3/32", CAI, "3/16", DEE, "3/32",
                                                EVE, "1/4"),
                                        14))
                .expectEvents(
                        new AllocationProposed(
                                ALLOCATION,
                                PILOT,
                                "USD",
                                50_000,
                                List.of(
                                        new AllocationLine(ANA, Fraction.of(3, 8), 18_750),
                                        new AllocationLine(BEN, Fraction.of(3, 32), 4_688),
                                        new AllocationLine(CAI, Fraction.of(3, 16), 9_375),
                                        new AllocationLine(DEE, Fraction.of(3, 32), 4_687),
                                        new AllocationLine(EVE, Fraction.of(1, 4), 12_500)),
                                14,
                                WINDOW_ENDS,
                                42,
                                PROPOSED_AT));
    }

    @Test
    void workedExampleBPoolOf1001() {
        fixture.givenNoPriorActivity()
                .whenConstructing(
                        () -> propose(1_001, Map.of(KIM, "5/12", LOU, "1/6", MAX, "5/12"), 14))
                .expectEvents(
                        new AllocationProposed(
                                ALLOCATION,
                                PILOT,
                                "USD",
                                1_001,
                                List.of(
                                        new AllocationLine(KIM, Fraction.of(5, 12), 417),
                                        new AllocationLine(LOU, Fraction.of(1, 6), 167),
                                        new AllocationLine(MAX, Fraction.of(5, 12), 417)),
                                14,
                                WINDOW_ENDS,
                                42,
                                PROPOSED_AT));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 30, 365})
    void aProposalMayNameItsReviewWindowZeroDaysIncluded(int reviewDays) {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> propose(1_000, thirds(), reviewDays))
                .expectEvents(
                        new AllocationProposed(
                                ALLOCATION,
                                PILOT,
                                "USD",
                                1_000,
                                THIRDS_OF_1000,
                                reviewDays,
                                PROPOSED_AT.plus(Duration.ofDays(reviewDays)),
                                42,
                                PROPOSED_AT));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 366})
    void aReviewWindowLastsZeroToAYearOfDays(int reviewDays) {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> propose(1_000, thirds(), reviewDays))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "reviewDays"))
                .expectNoEvents();
    }

    @Test
    void sharesSumToExactlyOne() {
        fixture.givenNoPriorActivity()
                .whenConstructing(
                        () ->
                                propose(
                                        1_000,
                                        Map.of(ALICE, "1/3", BOB, "1/3", CAROL, "333/1000"),
                                        14))
                .expectException(refusal(ErrorCode.INVALID_SHARES, "shares"))
                .expectNoEvents();
    }

    @Test
    void anAllocationNeedsAPayableArtist() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> propose(1_000, Map.of(), 14))
                .expectException(refusal(ErrorCode.INVALID_SHARES, "shares"))
                .expectNoEvents();
    }

    @Test
    void sharesAreExactFractions() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> propose(1_000, Map.of(ALICE, "0.5", BOB, "1/2"), 14))
                .expectException(refusal(ErrorCode.INVALID_FRACTION, "shares." + ALICE))
                .expectNoEvents();
    }

    @Test
    void sharesAreKeyedByArtistIds() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> propose(1_000, Map.of("alice", "1"), 14))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "shares"))
                .expectNoEvents();
    }

    // --- comments ---

    @Test
    void anArtistCommentsDuringTheReview() {
        fixture.given(PROPOSED)
                .when(
                        new FileComment(
                                ALLOCATION, CAROL, Claim.TOO_LOW, " I wrote half of the lyrics "))
                .expectEvents(
                        new CommentFiled(
                                ALLOCATION, CAROL, Claim.TOO_LOW, "I wrote half of the lyrics"));
    }

    @Test
    void anArtistLeftOutMayCommentToo() {
        catalog.given(registered(STRANGER, "dora"));

        fixture.given(PROPOSED)
                .when(new FileComment(ALLOCATION, STRANGER, Claim.OMITTED, "the drawing is mine"))
                .expectEvents(
                        new CommentFiled(
                                ALLOCATION, STRANGER, Claim.OMITTED, "the drawing is mine"));
    }

    @Test
    void aCommentMakesAClaim() {
        fixture.given(PROPOSED)
                .when(new FileComment(ALLOCATION, CAROL, null, "something is off"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "claim"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void aCommentSaysWhy(String text) {
        fixture.given(PROPOSED)
                .when(new FileComment(ALLOCATION, CAROL, Claim.TOO_HIGH, text))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "text"))
                .expectNoEvents();
    }

    @Test
    void onlyARegisteredArtistComments() {
        fixture.given(PROPOSED)
                .when(new FileComment(ALLOCATION, STRANGER, Claim.OMITTED, "the drawing is mine"))
                .expectException(refusal(ErrorCode.UNKNOWN_ARTIST, "artistId"))
                .expectNoEvents();
    }

    @Test
    void aCommenterIsNamedByALedgerId() {
        fixture.given(PROPOSED)
                .when(new FileComment(ALLOCATION, "carol", Claim.OMITTED, "the drawing is mine"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "artistId"))
                .expectNoEvents();
    }

    @Test
    void noCommentsAfterFinalization() {
        fixture.given(PROPOSED, finalized(THIRDS_OF_1000, WINDOW_ENDS))
                .when(new FileComment(ALLOCATION, CAROL, Claim.TOO_LOW, "too late?"))
                .expectException(refusal(ErrorCode.ALLOCATION_FINALIZED, null))
                .expectNoEvents();
    }

    // --- revisions ---

    @Test
    void aRevisionReplacesTheLinesForTheSamePoolAndOpensANewWindow() {
        fixture.given(PROPOSED, new CommentFiled(ALLOCATION, BOB, Claim.TOO_HIGH, "I did nothing"))
                .when(
                        new ReviseAllocation(
                                ALLOCATION,
                                Map.of(ALICE, "1"),
                                List.of(SONG),
                                43,
                                "Bob and Carol were credited by mistake",
                                REVISED_AT))
                .expectEvents(REVISED);
    }

    @Test
    void revisionsAreNumbered() {
        fixture.given(PROPOSED, REVISED)
                .when(
                        new ReviseAllocation(
                                ALLOCATION,
                                Map.of(ALICE, "1/2", BOB, "1/2"),
                                List.of(SONG),
                                44,
                                "Bob did help",
                                REVISED_AT))
                .expectEvents(
                        new AllocationRevised(
                                ALLOCATION,
                                2,
                                List.of(
                                        new AllocationLine(ALICE, Fraction.ONE_HALF, 500),
                                        new AllocationLine(BOB, Fraction.ONE_HALF, 500)),
                                REVISED_WINDOW_ENDS,
                                44,
                                "Bob did help"));
    }

    @Test
    void aRevisionSaysWhy() {
        fixture.given(PROPOSED)
                .when(
                        new ReviseAllocation(
                                ALLOCATION, Map.of(ALICE, "1"), List.of(SONG), 43, " ", REVISED_AT))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "reason"))
                .expectNoEvents();
    }

    @Test
    void aRevisionsSharesSumToExactlyOne() {
        fixture.given(PROPOSED)
                .when(
                        new ReviseAllocation(
                                ALLOCATION,
                                Map.of(ALICE, "2/3"),
                                List.of(SONG),
                                43,
                                "fewer artists",
                                REVISED_AT))
                .expectException(refusal(ErrorCode.INVALID_SHARES, "shares"))
                .expectNoEvents();
    }

    @Test
    void noRevisionAfterFinalization() {
        fixture.given(PROPOSED, finalized(THIRDS_OF_1000, WINDOW_ENDS))
                .when(
                        new ReviseAllocation(
                                ALLOCATION,
                                Map.of(ALICE, "1"),
                                List.of(SONG),
                                43,
                                "too late",
                                REVISED_AT))
                .expectException(refusal(ErrorCode.ALLOCATION_FINALIZED, null))
                .expectNoEvents();
    }

    // --- finalization (the command goes through MoneyCommandHandler, which calls finalizeAt) ---

    @Test
    void finalizationOwesTheProposedLinesOnceTheWindowHasEnded() {
        fixture.given(PROPOSED)
                .whenInvoking(ALLOCATION, allocation -> allocation.finalizeAt(WINDOW_ENDS))
                .expectEvents(finalized(THIRDS_OF_1000, WINDOW_ENDS));
    }

    @Test
    void noFinalizationInsideTheReviewWindow() {
        fixture.given(PROPOSED)
                .whenInvoking(
                        ALLOCATION, allocation -> allocation.finalizeAt(WINDOW_ENDS.minusMillis(1)))
                .expectException(refusal(ErrorCode.REVIEW_WINDOW_OPEN, null))
                .expectNoEvents();
    }

    @Test
    void aRevisionsWindowIsTheOneThatCounts() {
        fixture.given(PROPOSED, REVISED)
                .whenInvoking(ALLOCATION, allocation -> allocation.finalizeAt(WINDOW_ENDS))
                .expectException(refusal(ErrorCode.REVIEW_WINDOW_OPEN, null))
                .expectNoEvents();
    }

    @Test
    void finalizationOwesTheRevisedLines() {
        fixture.given(
                        PROPOSED,
                        new CommentFiled(ALLOCATION, BOB, Claim.TOO_HIGH, "I did nothing"),
                        REVISED)
                .whenInvoking(ALLOCATION, allocation -> allocation.finalizeAt(REVISED_WINDOW_ENDS))
                .expectEvents(finalized(ALICE_TAKES_ALL_1000, REVISED_WINDOW_ENDS));
    }

    @Test
    void aZeroDayWindowMayBeFinalizedAtOnce() {
        fixture.given(
                        new AllocationProposed(
                                ALLOCATION,
                                PILOT,
                                "USD",
                                1_000,
                                THIRDS_OF_1000,
                                0,
                                PROPOSED_AT,
                                42,
                                PROPOSED_AT))
                .whenInvoking(ALLOCATION, allocation -> allocation.finalizeAt(PROPOSED_AT))
                .expectEvents(finalized(THIRDS_OF_1000, PROPOSED_AT));
    }

    @Test
    void anAllocationIsFinalizedOnlyOnce() {
        fixture.given(PROPOSED, finalized(THIRDS_OF_1000, WINDOW_ENDS))
                .whenInvoking(
                        ALLOCATION,
                        allocation -> allocation.finalizeAt(WINDOW_ENDS.plusSeconds(60)))
                .expectException(refusal(ErrorCode.ALLOCATION_FINALIZED, null))
                .expectNoEvents();
    }

    private static AllocationFinalized finalized(List<AllocationLine> lines, Instant at) {
        return new AllocationFinalized(ALLOCATION, PILOT, "USD", 1_000, lines, at);
    }

    @Test
    void aRevisionCannotCreditARecordTakenDownSinceItsAttribution() {
        catalog.given(org.collabledger.domain.testing.Samples.takenDown(SONG));

        fixture.given(PROPOSED)
                .when(
                        new ReviseAllocation(
                                ALLOCATION,
                                Map.of(ALICE, "1"),
                                List.of(SONG),
                                43,
                                "recount",
                                REVISED_AT))
                .expectException(refusal(ErrorCode.STALE_ATTRIBUTION, null))
                .expectNoEvents();
    }
}
