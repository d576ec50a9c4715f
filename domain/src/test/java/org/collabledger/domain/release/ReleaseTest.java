package org.collabledger.domain.release;

import static org.collabledger.domain.testing.RefusalMatcher.refusal;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.CALL;
import static org.collabledger.domain.testing.Samples.CAROL;
import static org.collabledger.domain.testing.Samples.DRAWING;
import static org.collabledger.domain.testing.Samples.PILOT;
import static org.collabledger.domain.testing.Samples.SONG;
import static org.collabledger.domain.testing.Samples.STORY;
import static org.collabledger.domain.testing.Samples.registered;
import static org.collabledger.domain.testing.Samples.takenDown;
import static org.collabledger.domain.testing.Samples.uploaded;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.collabledger.domain.release.ReleaseCommand.OpenRelease;
import org.collabledger.domain.release.ReleaseCommand.PublishRelease;
import org.collabledger.domain.release.ReleaseCommand.SelectContribution;
import org.collabledger.domain.release.ReleaseCommand.WithdrawSelection;
import org.collabledger.domain.release.ReleaseEvent.ContributionSelected;
import org.collabledger.domain.release.ReleaseEvent.ReleaseOpened;
import org.collabledger.domain.release.ReleaseEvent.ReleasePublished;
import org.collabledger.domain.release.ReleaseEvent.SelectionWithdrawn;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.testing.CatalogFromEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of a release: its funding and policy are well formed, and its selection is frozen once
 * published.
 */
class ReleaseTest {

    private static final String TITLE = "Episode 1";
    private static final AttributionPolicy DEFAULT_POLICY =
            new AttributionPolicy(AttributionPolicy.LINEAGE_V1, Fraction.ONE_HALF, List.of());
    private static final ReleaseOpened OPENED =
            new ReleaseOpened(
                    PILOT,
                    TITLE,
                    ReleaseKind.EPISODE,
                    new Funding(FundingModel.PROFIT_SHARE, Fraction.ONE_HALF, null),
                    DEFAULT_POLICY,
                    null);

    private final CatalogFromEvents catalog = new CatalogFromEvents();
    private AggregateTestFixture<Release> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Release.class);
        fixture.registerInjectableResource(catalog);
        catalog.given(
                registered(ALICE, "alice"),
                registered(BOB, "bob"),
                uploaded(SONG, ALICE),
                uploaded(DRAWING, BOB));
    }

    private static OpenRelease profitShare(
            String poolRate, String retention, List<String> waivedArtistIds) {
        return new OpenRelease(
                PILOT,
                TITLE,
                ReleaseKind.EPISODE,
                FundingModel.PROFIT_SHARE,
                poolRate,
                null,
                null,
                retention,
                waivedArtistIds,
                null);
    }

    private static OpenRelease budget(Long amount, String currency) {
        return new OpenRelease(
                PILOT,
                TITLE,
                ReleaseKind.FILM,
                FundingModel.BUDGET,
                null,
                amount,
                currency,
                null,
                null,
                null);
    }

    private static ContributionSelected selected(String recordId, String creatorId) {
        return new ContributionSelected(PILOT, recordId, creatorId, 1, "music");
    }

    // --- opening ---

    @Test
    void aProfitShareReleaseDefaultsToHalfThePoolAndHalfRetention() {
        fixture.givenNoPriorActivity().when(profitShare(null, null, null)).expectEvents(OPENED);
    }

    @Test
    void aReleaseRecordsItsPoolRateRetentionAndWaivedArtists() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenRelease(
                                PILOT,
                                TITLE,
                                ReleaseKind.BOOK,
                                FundingModel.PROFIT_SHARE,
                                "6/20",
                                null,
                                null,
                                "2/3",
                                List.of(BOB),
                                CALL))
                .expectEvents(
                        new ReleaseOpened(
                                PILOT,
                                TITLE,
                                ReleaseKind.BOOK,
                                new Funding(FundingModel.PROFIT_SHARE, Fraction.of(3, 10), null),
                                new AttributionPolicy(
                                        AttributionPolicy.LINEAGE_V1,
                                        Fraction.of(2, 3),
                                        List.of(BOB)),
                                CALL));
    }

    @Test
    void aBudgetReleaseRecordsItsBudgetInMinorUnits() {
        fixture.givenNoPriorActivity()
                .when(budget(50_000L, "eur"))
                .expectEvents(
                        new ReleaseOpened(
                                PILOT,
                                TITLE,
                                ReleaseKind.FILM,
                                new Funding(FundingModel.BUDGET, null, new Money(50_000, "EUR")),
                                DEFAULT_POLICY,
                                null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"3/2", "2", "0.5", "-1/2", "1/0", "half", "1/2/3", ""})
    void poolRateIsAFractionFromZeroToOne(String poolRate) {
        fixture.givenNoPriorActivity()
                .when(profitShare(poolRate, null, null))
                .expectException(refusal(ErrorCode.INVALID_FRACTION, "poolRate"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0/7", "1", "7/7"})
    void poolRateMayBeZeroOrOne(String poolRate) {
        Fraction rate = Fraction.parse(poolRate, "poolRate");
        fixture.givenNoPriorActivity()
                .when(profitShare(poolRate, null, null))
                .expectEvents(
                        new ReleaseOpened(
                                PILOT,
                                TITLE,
                                ReleaseKind.EPISODE,
                                new Funding(FundingModel.PROFIT_SHARE, rate, null),
                                DEFAULT_POLICY,
                                null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0/3", "5/4", "0.5", "-1/2"})
    void retentionIsAFractionAboveZeroUpToOne(String retention) {
        fixture.givenNoPriorActivity()
                .when(profitShare(null, retention, null))
                .expectException(refusal(ErrorCode.INVALID_FRACTION, "retention"))
                .expectNoEvents();
    }

    @Test
    void retentionMayBeOne() {
        fixture.givenNoPriorActivity()
                .when(profitShare(null, "1", null))
                .expectEvents(
                        new ReleaseOpened(
                                PILOT,
                                TITLE,
                                ReleaseKind.EPISODE,
                                new Funding(FundingModel.PROFIT_SHARE, Fraction.ONE_HALF, null),
                                new AttributionPolicy(
                                        AttributionPolicy.LINEAGE_V1, Fraction.ONE, List.of()),
                                null));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ZZZ", "XXX", "XAU", "US", "EURO", "€"})
    void unknownCurrencyIsRefusedForABudget(String currency) {
        fixture.givenNoPriorActivity()
                .when(budget(50_000L, currency))
                .expectException(refusal(ErrorCode.UNKNOWN_CURRENCY, "budget.currency"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void aBudgetIsAPositiveAmount(long amount) {
        fixture.givenNoPriorActivity()
                .when(budget(amount, "EUR"))
                .expectException(refusal(ErrorCode.INVALID_MONEY, "budget.amount"))
                .expectNoEvents();
    }

    @Test
    void aBudgetIsWithinTheLimit() {
        fixture.givenNoPriorActivity()
                .when(budget(Money.LIMIT + 1, "EUR"))
                .expectException(refusal(ErrorCode.AMOUNT_OUT_OF_RANGE, "budget.amount"))
                .expectNoEvents();
    }

    @Test
    void aBudgetReleaseNeedsABudget() {
        fixture.givenNoPriorActivity()
                .when(budget(null, "EUR"))
                .expectException(refusal(ErrorCode.INVALID_FUNDING, "budget"))
                .expectNoEvents();
    }

    @Test
    void aBudgetReleaseHasNoPoolRate() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenRelease(
                                PILOT,
                                TITLE,
                                ReleaseKind.FILM,
                                FundingModel.BUDGET,
                                "1/2",
                                50_000L,
                                "EUR",
                                null,
                                null,
                                null))
                .expectException(refusal(ErrorCode.INVALID_FUNDING, "poolRate"))
                .expectNoEvents();
    }

    @Test
    void aProfitShareReleaseHasNoBudget() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenRelease(
                                PILOT,
                                TITLE,
                                ReleaseKind.ALBUM,
                                FundingModel.PROFIT_SHARE,
                                null,
                                50_000L,
                                "EUR",
                                null,
                                null,
                                null))
                .expectException(refusal(ErrorCode.INVALID_FUNDING, "budget"))
                .expectNoEvents();
    }

    @Test
    void waivedArtistsAreRegisteredArtists() {
        fixture.givenNoPriorActivity()
                .when(profitShare(null, null, List.of(BOB, CAROL)))
                .expectException(refusal(ErrorCode.UNKNOWN_ARTIST, "waivedArtistIds[1]"))
                .expectNoEvents();
    }

    @Test
    void waivedArtistIdsAreLedgerIds() {
        fixture.givenNoPriorActivity()
                .when(profitShare(null, null, Arrays.asList(BOB, null)))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "waivedArtistIds[1]"))
                .expectNoEvents();
    }

    @Test
    void anArtistWaivedTwiceIsWaivedOnce() {
        fixture.givenNoPriorActivity()
                .when(profitShare(null, null, List.of(BOB, ALICE, BOB)))
                .expectEvents(
                        new ReleaseOpened(
                                PILOT,
                                TITLE,
                                ReleaseKind.EPISODE,
                                new Funding(FundingModel.PROFIT_SHARE, Fraction.ONE_HALF, null),
                                new AttributionPolicy(
                                        AttributionPolicy.LINEAGE_V1,
                                        Fraction.ONE_HALF,
                                        List.of(BOB, ALICE)),
                                null));
    }

    @Test
    void aReleaseNeedsATitle() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenRelease(
                                PILOT,
                                " ",
                                ReleaseKind.EPISODE,
                                FundingModel.PROFIT_SHARE,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "title"))
                .expectNoEvents();
    }

    @Test
    void aReleaseNeedsAKind() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenRelease(
                                PILOT,
                                TITLE,
                                null,
                                FundingModel.PROFIT_SHARE,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "kind"))
                .expectNoEvents();
    }

    @Test
    void aReleaseNeedsAFundingModel() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenRelease(
                                PILOT,
                                TITLE,
                                ReleaseKind.EPISODE,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "fundingModel"))
                .expectNoEvents();
    }

    @Test
    void releaseIdIsALedgerId() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenRelease(
                                "pilot",
                                TITLE,
                                ReleaseKind.EPISODE,
                                FundingModel.PROFIT_SHARE,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "releaseId"))
                .expectNoEvents();
    }

    @Test
    void collaborationIdIsALedgerIdWhenGiven() {
        fixture.givenNoPriorActivity()
                .when(
                        new OpenRelease(
                                PILOT,
                                TITLE,
                                ReleaseKind.EPISODE,
                                FundingModel.PROFIT_SHARE,
                                null,
                                null,
                                null,
                                null,
                                null,
                                "first-times"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "collaborationId"))
                .expectNoEvents();
    }

    // --- selection ---

    @Test
    void curatorSelectsARecordWithAWeightAndARole() {
        fixture.given(catalog.given(OPENED))
                .when(new SelectContribution(PILOT, DRAWING, 3, "animation"))
                .expectEvents(new ContributionSelected(PILOT, DRAWING, BOB, 3, "animation"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void weightsArePositive(int weight) {
        fixture.given(catalog.given(OPENED))
                .when(new SelectContribution(PILOT, SONG, weight, "music"))
                .expectException(refusal(ErrorCode.INVALID_WEIGHT, "weight"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "Music",
                "sound design",
                "1st-violin",
                "-music",
                "music!",
                "a23456789012345678901234567890123"
            })
    void roleIsALowerCaseWord(String role) {
        fixture.given(catalog.given(OPENED))
                .when(new SelectContribution(PILOT, SONG, 1, role))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "role"))
                .expectNoEvents();
    }

    @Test
    void onlyExistingRecordsCanBeSelected() {
        fixture.given(catalog.given(OPENED))
                .when(new SelectContribution(PILOT, STORY, 1, "writing"))
                .expectException(refusal(ErrorCode.UNKNOWN_RECORD, "recordId"))
                .expectNoEvents();
    }

    @Test
    void aTakenDownRecordCannotBeSelected() {
        catalog.given(takenDown(DRAWING));

        fixture.given(catalog.given(OPENED))
                .when(new SelectContribution(PILOT, DRAWING, 1, "animation"))
                .expectException(refusal(ErrorCode.RECORD_TAKEN_DOWN, "recordId"))
                .expectNoEvents();
    }

    @Test
    void aRecordIsSelectedOnlyOnce() {
        fixture.given(catalog.given(OPENED, selected(SONG, ALICE)))
                .when(new SelectContribution(PILOT, SONG, 2, "editor"))
                .expectException(refusal(ErrorCode.ALREADY_SELECTED, "recordId"))
                .expectNoEvents();
    }

    @Test
    void selectedRecordIdIsALedgerId() {
        fixture.given(catalog.given(OPENED))
                .when(new SelectContribution(PILOT, "song", 1, "music"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "recordId"))
                .expectNoEvents();
    }

    @Test
    void aWithdrawnRecordCanBeSelectedAgain() {
        fixture.given(
                        catalog.given(
                                OPENED,
                                selected(SONG, ALICE),
                                new SelectionWithdrawn(PILOT, SONG, null)))
                .when(new SelectContribution(PILOT, SONG, 2, "editor"))
                .expectEvents(new ContributionSelected(PILOT, SONG, ALICE, 2, "editor"));
    }

    @Test
    void curatorWithdrawsASelectionWithAReason() {
        fixture.given(catalog.given(OPENED, selected(SONG, ALICE)))
                .when(new WithdrawSelection(PILOT, SONG, " wrong take "))
                .expectEvents(new SelectionWithdrawn(PILOT, SONG, "wrong take"));
    }

    @Test
    void aWithdrawalNeedsNoReason() {
        fixture.given(catalog.given(OPENED, selected(SONG, ALICE)))
                .when(new WithdrawSelection(PILOT, SONG, null))
                .expectEvents(new SelectionWithdrawn(PILOT, SONG, null));
    }

    @Test
    void onlyASelectedRecordCanBeWithdrawn() {
        fixture.given(catalog.given(OPENED, selected(SONG, ALICE)))
                .when(new WithdrawSelection(PILOT, DRAWING, "not ours"))
                .expectException(refusal(ErrorCode.NOT_SELECTED, "recordId"))
                .expectNoEvents();
    }

    // --- publication ---

    @Test
    void publishingFreezesTheSelectionAndThePolicy() {
        fixture.given(
                        catalog.given(
                                OPENED,
                                selected(SONG, ALICE),
                                new ContributionSelected(PILOT, DRAWING, BOB, 3, "animation")))
                .when(new PublishRelease(PILOT))
                .expectEvents(
                        new ReleasePublished(
                                PILOT,
                                List.of(
                                        new Selection(SONG, 1, "music"),
                                        new Selection(DRAWING, 3, "animation")),
                                DEFAULT_POLICY));
    }

    @Test
    void aWithdrawnSelectionIsNotPublished() {
        fixture.given(
                        catalog.given(
                                OPENED,
                                selected(SONG, ALICE),
                                selected(DRAWING, BOB),
                                new SelectionWithdrawn(PILOT, SONG, "wrong take")))
                .when(new PublishRelease(PILOT))
                .expectEvents(
                        new ReleasePublished(
                                PILOT,
                                List.of(new Selection(DRAWING, 1, "music")),
                                DEFAULT_POLICY));
    }

    @Test
    void aReleaseWithNothingSelectedCannotBePublished() {
        fixture.given(
                        catalog.given(
                                OPENED,
                                selected(SONG, ALICE),
                                new SelectionWithdrawn(PILOT, SONG, null)))
                .when(new PublishRelease(PILOT))
                .expectException(refusal(ErrorCode.EMPTY_SELECTION, null))
                .expectNoEvents();
    }

    @Test
    void aReleaseIsPublishedOnlyOnce() {
        fixture.given(catalog.given(OPENED, selected(SONG, ALICE), published(SONG)))
                .when(new PublishRelease(PILOT))
                .expectException(refusal(ErrorCode.RELEASE_PUBLISHED, null))
                .expectNoEvents();
    }

    static Stream<ReleaseCommand> selectionChanges() {
        return Stream.of(
                new SelectContribution(PILOT, DRAWING, 1, "animation"),
                new WithdrawSelection(PILOT, SONG, "too late"));
    }

    @ParameterizedTest
    @MethodSource("selectionChanges")
    void publishedReleaseSelectionCannotChange(ReleaseCommand change) {
        fixture.given(catalog.given(OPENED, selected(SONG, ALICE), published(SONG)))
                .when(change)
                .expectException(refusal(ErrorCode.RELEASE_PUBLISHED, null))
                .expectNoEvents();
    }

    private static ReleasePublished published(String recordId) {
        return new ReleasePublished(
                PILOT, List.of(new Selection(recordId, 1, "music")), DEFAULT_POLICY);
    }
}
