package org.collabledger.domain.release;

import static org.collabledger.domain.testing.RefusalMatcher.refusal;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.PILOT;
import static org.collabledger.domain.testing.Samples.SONG;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.collabledger.domain.allocation.AllocationEvent.AllocationProposed;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.release.ReleaseCommand.ProposeAllocation;
import org.collabledger.domain.release.ReleaseCommand.RecordEntry;
import org.collabledger.domain.release.ReleaseCommand.ReverseEntry;
import org.collabledger.domain.release.ReleaseEvent.EntryRecorded;
import org.collabledger.domain.release.ReleaseEvent.EntryReversed;
import org.collabledger.domain.release.ReleaseEvent.PoolReserved;
import org.collabledger.domain.release.ReleaseEvent.ReleaseOpened;
import org.collabledger.domain.release.ReleaseEvent.ReleasePublished;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.Money;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The money rules of a release: revenue and costs of a published release, and the pools its
 * allocations reserve.
 */
class ReleaseMoneyTest {

    private static final String ENTRY = "00000000-0000-0000-0000-000000000801";
    private static final String OTHER_ENTRY = "00000000-0000-0000-0000-000000000802";
    private static final String THIRD_ENTRY = "00000000-0000-0000-0000-000000000803";
    private static final String ALLOCATION = "00000000-0000-0000-0000-000000000901";
    private static final String NEXT_ALLOCATION = "00000000-0000-0000-0000-000000000902";
    private static final Instant NOW = Instant.parse("2026-07-01T09:00:00Z");
    private static final Map<String, String> HALVES = Map.of(ALICE, "1/2", BOB, "1/2");

    private static final AttributionPolicy POLICY =
            new AttributionPolicy(AttributionPolicy.LINEAGE_V1, Fraction.ONE_HALF, List.of());
    private static final ReleasePublished PUBLISHED =
            new ReleasePublished(PILOT, List.of(new Selection(SONG, 1, "music")), POLICY);

    private AggregateTestFixture<Release> fixture;

    private final org.collabledger.domain.testing.CatalogFromEvents catalog =
            new org.collabledger.domain.testing.CatalogFromEvents();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Release.class);
        fixture.registerInjectableResource(catalog);
        catalog.given(
                org.collabledger.domain.testing.Samples.registered(
                        org.collabledger.domain.testing.Samples.ALICE, "alice"),
                org.collabledger.domain.testing.Samples.uploaded(
                        SONG, org.collabledger.domain.testing.Samples.ALICE));
    }

    private static ReleaseOpened profitShare(Fraction poolRate) {
        return new ReleaseOpened(
                PILOT,
                "Episode 1",
                ReleaseKind.EPISODE,
                new Funding(FundingModel.PROFIT_SHARE, poolRate, null),
                POLICY,
                null);
    }

    private static ReleaseOpened budget(long amount, String currency) {
        return new ReleaseOpened(
                PILOT,
                "Film",
                ReleaseKind.FILM,
                new Funding(FundingModel.BUDGET, null, new Money(amount, currency)),
                POLICY,
                null);
    }

    private static RecordEntry revenue(
            long amount, String currency, String period, String sourceRef) {
        return new RecordEntry(PILOT, ENTRY, Entry.REVENUE, amount, currency, period, sourceRef);
    }

    private static EntryRecorded recorded(
            String entryId, Entry entry, long amount, String currency, String sourceRef) {
        return new EntryRecorded(
                PILOT, entryId, entry, new Money(amount, currency), "2026-H1", sourceRef);
    }

    private static ProposeAllocation proposeProfitShare(String allocationId, String currency) {
        return new ProposeAllocation(
                PILOT, allocationId, currency, null, null, HALVES, List.of(SONG), 7, NOW);
    }

    private static ProposeAllocation proposeFromBudget(
            String allocationId, String currency, Long pool) {
        return new ProposeAllocation(
                PILOT, allocationId, currency, pool, null, HALVES, List.of(SONG), 7, NOW);
    }

    /**
     * The proposal a release creates: the pool split in halves, ties to the smaller id, 14 days of
     * review.
     */
    private static AllocationProposed proposedInHalves(
            String allocationId, String currency, long pool) {
        long bob = pool / 2;
        List<AllocationLine> lines =
                List.of(
                        new AllocationLine(ALICE, Fraction.ONE_HALF, pool - bob),
                        new AllocationLine(BOB, Fraction.ONE_HALF, bob));
        return new AllocationProposed(
                allocationId,
                PILOT,
                currency,
                pool,
                lines,
                14,
                NOW.plus(Duration.ofDays(14)),
                7,
                NOW);
    }

    // --- revenue and costs ---

    @ParameterizedTest
    @EnumSource(Entry.class)
    void financeRecordsRevenueAndCostsOfAPublishedRelease(Entry entry) {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(
                        new RecordEntry(
                                PILOT, ENTRY, entry, 12_345, "usd", "2026-03", " sales-report-42 "))
                .expectEvents(
                        new EntryRecorded(
                                PILOT,
                                ENTRY,
                                entry,
                                new Money(12_345, "USD"),
                                "2026-03",
                                "sales-report-42"));
    }

    @ParameterizedTest
    @EnumSource(Entry.class)
    void revenueAndCostsOnlyOnAPublishedRelease(Entry entry) {
        fixture.given(profitShare(Fraction.ONE_HALF))
                .when(new RecordEntry(PILOT, ENTRY, entry, 100, "USD", "2026", "report-1"))
                .expectException(refusal(ErrorCode.RELEASE_NOT_PUBLISHED, null))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void entryAmountsArePositive(long amount) {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(revenue(amount, "USD", "2026", "report-1"))
                .expectException(refusal(ErrorCode.INVALID_MONEY, "amount"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ZZZ", "XXX", "XAU", "US", "EURO"})
    void entryCurrencyIsAKnownIsoCurrencyWithMinorUnits(String currency) {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(revenue(100, currency, "2026", "report-1"))
                .expectException(refusal(ErrorCode.UNKNOWN_CURRENCY, "currency"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"2026", "2026-01", "2026-12", "2026-Q1", "2026-Q4", "2026-H1", "2026-H2"})
    void periodIsAYearMonthQuarterOrHalfYear(String period) {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(revenue(100, "USD", period, "report-1"))
                .expectEvents(
                        new EntryRecorded(
                                PILOT,
                                ENTRY,
                                Entry.REVENUE,
                                new Money(100, "USD"),
                                period,
                                "report-1"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "26",
                "2026-1",
                "2026-00",
                "2026-13",
                "2026-Q0",
                "2026-Q5",
                "2026-H3",
                "2026-h1",
                "2026/03",
                "H1-2026",
                "2026-03-01"
            })
    void otherPeriodsAreRefused(String period) {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(revenue(100, "USD", period, "report-1"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "period"))
                .expectNoEvents();
    }

    @Test
    void anEntrySaysWhetherItIsRevenueOrACost() {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(new RecordEntry(PILOT, ENTRY, null, 100, "USD", "2026", "report-1"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "entry"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" "})
    void anEntryNamesItsSource(String sourceRef) {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(revenue(100, "USD", "2026", sourceRef))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "sourceRef"))
                .expectNoEvents();
    }

    @Test
    void entryIdIsALedgerId() {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(
                        new RecordEntry(
                                PILOT, "entry-1", Entry.REVENUE, 100, "USD", "2026", "report-1"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "entryId"))
                .expectNoEvents();
    }

    @Test
    void aSourceIsRecordedOnlyOnce() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(OTHER_ENTRY, Entry.REVENUE, 500, "USD", "report-1"))
                .when(revenue(100, "USD", "2026", "report-1"))
                .expectException(refusal(ErrorCode.DUPLICATE_SOURCE, "sourceRef"))
                .expectNoEvents();
    }

    @Test
    void aReversedSourceCanBeRecordedAgainCorrected() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(OTHER_ENTRY, Entry.REVENUE, 500, "USD", "report-1"),
                        new EntryReversed(
                                PILOT, OTHER_ENTRY, Entry.REVENUE, new Money(500, "USD"), "typo"))
                .when(revenue(50, "USD", "2026", "report-1"))
                .expectEvents(
                        new EntryRecorded(
                                PILOT,
                                ENTRY,
                                Entry.REVENUE,
                                new Money(50, "USD"),
                                "2026",
                                "report-1"));
    }

    @Test
    void anEntryIdIsUsedOnlyOnce() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 500, "USD", "report-1"))
                .when(revenue(100, "USD", "2026", "report-2"))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "entryId"))
                .expectNoEvents();
    }

    // --- reversals ---

    @Test
    void financeReversesAWrongEntryWhichNamesWhatItCorrects() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.COST, 700, "EUR", "inv-9"))
                .when(new ReverseEntry(PILOT, ENTRY, " booked twice "))
                .expectEvents(
                        new EntryReversed(
                                PILOT, ENTRY, Entry.COST, new Money(700, "EUR"), "booked twice"));
    }

    @Test
    void onlyARecordedEntryCanBeReversed() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.COST, 700, "EUR", "inv-9"))
                .when(new ReverseEntry(PILOT, OTHER_ENTRY, "wrong"))
                .expectException(refusal(ErrorCode.UNKNOWN_ENTRY, "entryId"))
                .expectNoEvents();
    }

    @Test
    void anEntryIsReversedOnlyOnce() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.COST, 700, "EUR", "inv-9"),
                        new EntryReversed(
                                PILOT, ENTRY, Entry.COST, new Money(700, "EUR"), "booked twice"))
                .when(new ReverseEntry(PILOT, ENTRY, "again"))
                .expectException(refusal(ErrorCode.ALREADY_REVERSED, "entryId"))
                .expectNoEvents();
    }

    @Test
    void aReversalGivesAReason() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.COST, 700, "EUR", "inv-9"))
                .when(new ReverseEntry(PILOT, ENTRY, " "))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "reason"))
                .expectNoEvents();
    }

    // --- PROFIT_SHARE pools ---

    @Test
    void aProposalReservesItsPoolAndCreatesTheAllocation() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_001, "USD", "r1"))
                .when(proposeProfitShare(ALLOCATION, "usd"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ALLOCATION)
                .expectEvents(
                        new PoolReserved(PILOT, ALLOCATION, "USD", 10_001, 5_000),
                        proposedInHalves(ALLOCATION, "USD", 5_000));
    }

    @Test
    void profitSharePoolIsTheRateOfNetProceedsRoundedDown() {
        fixture.given(
                        profitShare(Fraction.of(1, 3)),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"),
                        recorded(OTHER_ENTRY, Entry.COST, 2_501, "USD", "c1"),
                        recorded(THIRD_ENTRY, Entry.REVENUE, 99_999, "EUR", "r1-eur"))
                .when(proposeProfitShare(ALLOCATION, "USD"))
                // net 7 499, pool floor(7 499 / 3) = 2 499; the 2/3 of a cent stays with the
                // company
                .expectEvents(
                        new PoolReserved(PILOT, ALLOCATION, "USD", 7_499, 2_499),
                        proposedInHalves(ALLOCATION, "USD", 2_499));
    }

    @Test
    void aSecondAllocationCoversOnlyNetProceedsNotCoveredBeforeCountingAReversalInBetween() {
        fixture.given(
                        profitShare(Fraction.of(1, 3)),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"),
                        recorded(OTHER_ENTRY, Entry.COST, 2_501, "USD", "c1"),
                        new PoolReserved(PILOT, ALLOCATION, "USD", 7_499, 2_499),
                        new EntryReversed(
                                PILOT,
                                OTHER_ENTRY,
                                Entry.COST,
                                new Money(2_501, "USD"),
                                "not ours"))
                .when(proposeProfitShare(NEXT_ALLOCATION, "USD"))
                // net is now 10 000, 7 499 of it covered: new 2 501, pool floor(2 501 / 3) = 833
                .expectEvents(
                        new PoolReserved(PILOT, NEXT_ALLOCATION, "USD", 2_501, 833),
                        proposedInHalves(NEXT_ALLOCATION, "USD", 833));
    }

    @Test
    void twoSuccessiveAllocationsWithAReversalInBetweenFromCommands() {
        fixture.given(profitShare(Fraction.of(1, 3)), PUBLISHED)
                .andGivenCommands(
                        revenue(10_000, "USD", "2026-H1", "r1"),
                        new RecordEntry(
                                PILOT, OTHER_ENTRY, Entry.COST, 2_501, "USD", "2026-H1", "c1"),
                        proposeProfitShare(ALLOCATION, "USD"),
                        new ReverseEntry(PILOT, OTHER_ENTRY, "not ours"))
                .when(proposeProfitShare(NEXT_ALLOCATION, "USD"))
                .expectEvents(
                        new PoolReserved(PILOT, NEXT_ALLOCATION, "USD", 2_501, 833),
                        proposedInHalves(NEXT_ALLOCATION, "USD", 833));
    }

    @Test
    void reversedEntriesDoNotCount() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"),
                        recorded(OTHER_ENTRY, Entry.REVENUE, 4_000, "USD", "r2"),
                        new EntryReversed(
                                PILOT, ENTRY, Entry.REVENUE, new Money(10_000, "USD"), "duplicate"))
                .when(proposeProfitShare(ALLOCATION, "USD"))
                .expectEvents(
                        new PoolReserved(PILOT, ALLOCATION, "USD", 4_000, 2_000),
                        proposedInHalves(ALLOCATION, "USD", 2_000));
    }

    @Test
    void eachCurrencyIsAllocatedSeparately() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"),
                        new PoolReserved(PILOT, ALLOCATION, "USD", 10_000, 5_000),
                        recorded(OTHER_ENTRY, Entry.REVENUE, 3_000, "JPY", "r1-jpy"))
                .when(proposeProfitShare(NEXT_ALLOCATION, "JPY"))
                .expectEvents(
                        new PoolReserved(PILOT, NEXT_ALLOCATION, "JPY", 3_000, 1_500),
                        proposedInHalves(NEXT_ALLOCATION, "JPY", 1_500));
    }

    @Test
    void aZeroPoolIsRefusedWhenThereAreNoProceeds() {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(proposeProfitShare(ALLOCATION, "USD"))
                .expectException(refusal(ErrorCode.ZERO_POOL, "pool"))
                .expectNoEvents();
    }

    @Test
    void aZeroPoolIsRefusedWhenCostsExceedRevenue() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 1_000, "USD", "r1"),
                        recorded(OTHER_ENTRY, Entry.COST, 1_001, "USD", "c1"))
                .when(proposeProfitShare(ALLOCATION, "USD"))
                .expectException(refusal(ErrorCode.ZERO_POOL, "pool"))
                .expectNoEvents();
    }

    @Test
    void aZeroPoolIsRefusedWhenTheRateRoundsItDownToNothing() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 1, "USD", "r1"))
                .when(proposeProfitShare(ALLOCATION, "USD"))
                .expectException(refusal(ErrorCode.ZERO_POOL, "pool"))
                .expectNoEvents();
    }

    @Test
    void aZeroPoolIsRefusedWhenEverythingIsAlreadyCovered() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"),
                        new PoolReserved(PILOT, ALLOCATION, "USD", 10_000, 5_000),
                        recorded(OTHER_ENTRY, Entry.COST, 500, "USD", "c1"))
                .when(proposeProfitShare(NEXT_ALLOCATION, "USD"))
                .expectException(refusal(ErrorCode.ZERO_POOL, "pool"))
                .expectNoEvents();
    }

    @Test
    void aProfitShareReleaseComputesItsPoolAndRefusesANamedOne() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"))
                .when(proposeFromBudget(ALLOCATION, "USD", 1_000L))
                .expectException(refusal(ErrorCode.INVALID_FUNDING, "pool"))
                .expectNoEvents();
    }

    @Test
    void onlyAPublishedReleaseIsAllocated() {
        fixture.given(budget(50_000, "EUR"))
                .when(proposeFromBudget(ALLOCATION, "EUR", 1_000L))
                .expectException(refusal(ErrorCode.RELEASE_NOT_PUBLISHED, null))
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"ZZZ", "XAU"})
    void aProposalNamesAKnownCurrency(String currency) {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"))
                .when(proposeProfitShare(ALLOCATION, currency))
                .expectException(refusal(ErrorCode.UNKNOWN_CURRENCY, "currency"))
                .expectNoEvents();
    }

    @Test
    void aProposalWhoseSharesAreRefusedReservesNothing() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"))
                .when(
                        new ProposeAllocation(
                                PILOT,
                                ALLOCATION,
                                "USD",
                                null,
                                null,
                                Map.of(ALICE, "1/2"),
                                List.of(SONG),
                                7,
                                NOW))
                .expectException(refusal(ErrorCode.INVALID_SHARES, "shares"))
                .expectNoEvents();
    }

    @Test
    void aProposalWithAnImpossibleReviewWindowReservesNothing() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"))
                .when(
                        new ProposeAllocation(
                                PILOT, ALLOCATION, "USD", null, -1, HALVES, List.of(SONG), 7, NOW))
                .expectException(refusal(ErrorCode.INVALID_INPUT, "reviewDays"))
                .expectNoEvents();
    }

    @Test
    void aProposalMayNameItsReviewWindowZeroDaysIncluded() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 10_000, "USD", "r1"))
                .when(
                        new ProposeAllocation(
                                PILOT, ALLOCATION, "USD", null, 0, HALVES, List.of(SONG), 7, NOW))
                .expectEvents(
                        new PoolReserved(PILOT, ALLOCATION, "USD", 10_000, 5_000),
                        new AllocationProposed(
                                ALLOCATION,
                                PILOT,
                                "USD",
                                5_000,
                                List.of(
                                        new AllocationLine(ALICE, Fraction.ONE_HALF, 2_500),
                                        new AllocationLine(BOB, Fraction.ONE_HALF, 2_500)),
                                0,
                                NOW,
                                7,
                                NOW));
    }

    @ParameterizedTest
    @ValueSource(longs = {Money.LIMIT + 1, Long.MAX_VALUE})
    void anEntryIsWithinTheLimit(long amount) {
        fixture.given(profitShare(Fraction.ONE_HALF), PUBLISHED)
                .when(revenue(amount, "USD", "2026", "report-1"))
                .expectException(refusal(ErrorCode.AMOUNT_OUT_OF_RANGE, "amount"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @EnumSource(Entry.class)
    void anEntryThatWouldTakeItsKindsLiveTotalBeyondTheLimitIsRefused(Entry entry) {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(OTHER_ENTRY, entry, Money.LIMIT, "USD", "r1"))
                .when(new RecordEntry(PILOT, ENTRY, entry, 1, "USD", "2026", "r2"))
                .expectException(refusal(ErrorCode.AMOUNT_OUT_OF_RANGE, "amount"))
                .expectNoEvents();
    }

    @Test
    void aReversedEntryLeavesRoomUnderTheLimit() {
        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(OTHER_ENTRY, Entry.REVENUE, Money.LIMIT, "USD", "r1"),
                        new EntryReversed(
                                PILOT,
                                OTHER_ENTRY,
                                Entry.REVENUE,
                                new Money(Money.LIMIT, "USD"),
                                "typo"))
                .when(revenue(Money.LIMIT, "USD", "2026", "r2"))
                .expectEvents(
                        new EntryRecorded(
                                PILOT,
                                ENTRY,
                                Entry.REVENUE,
                                new Money(Money.LIMIT, "USD"),
                                "2026",
                                "r2"));
    }

    // --- BUDGET pools ---

    @Test
    void aBudgetAllocationReservesTheNamedPool() {
        fixture.given(budget(50_000, "EUR"), PUBLISHED)
                .when(proposeFromBudget(ALLOCATION, "eur", 20_001L))
                .expectEvents(
                        new PoolReserved(PILOT, ALLOCATION, "EUR", 0, 20_001),
                        proposedInHalves(ALLOCATION, "EUR", 20_001));
    }

    @Test
    void aBudgetAllocationNamesItsPool() {
        fixture.given(budget(50_000, "EUR"), PUBLISHED)
                .when(proposeFromBudget(ALLOCATION, "EUR", null))
                .expectException(refusal(ErrorCode.INVALID_FUNDING, "pool"))
                .expectNoEvents();
    }

    @Test
    void aBudgetIsSpentInItsOwnCurrency() {
        fixture.given(budget(50_000, "EUR"), PUBLISHED)
                .when(proposeFromBudget(ALLOCATION, "USD", 1_000L))
                .expectException(refusal(ErrorCode.INVALID_FUNDING, "currency"))
                .expectNoEvents();
    }

    @Test
    void aBudgetPoolIsNotNegative() {
        fixture.given(budget(50_000, "EUR"), PUBLISHED)
                .when(proposeFromBudget(ALLOCATION, "EUR", -1L))
                .expectException(refusal(ErrorCode.INVALID_MONEY, "pool"))
                .expectNoEvents();
    }

    @Test
    void aZeroBudgetPoolIsRefused() {
        fixture.given(budget(50_000, "EUR"), PUBLISHED)
                .when(proposeFromBudget(ALLOCATION, "EUR", 0L))
                .expectException(refusal(ErrorCode.ZERO_POOL, "pool"))
                .expectNoEvents();
    }

    @Test
    void poolsNeverExceedTheBudgetAcrossAllocations() {
        fixture.given(
                        budget(50_000, "EUR"),
                        PUBLISHED,
                        new PoolReserved(PILOT, ALLOCATION, "EUR", 0, 30_000))
                .when(proposeFromBudget(NEXT_ALLOCATION, "EUR", 20_001L))
                .expectException(refusal(ErrorCode.BUDGET_EXCEEDED, "pool"))
                .expectNoEvents();
    }

    @Test
    void theLastAllocationMaySpendExactlyWhatIsLeftOfTheBudget() {
        fixture.given(
                        budget(50_000, "EUR"),
                        PUBLISHED,
                        new PoolReserved(PILOT, ALLOCATION, "EUR", 0, 30_000))
                .when(proposeFromBudget(NEXT_ALLOCATION, "EUR", 20_000L))
                .expectEvents(
                        new PoolReserved(PILOT, NEXT_ALLOCATION, "EUR", 0, 20_000),
                        proposedInHalves(NEXT_ALLOCATION, "EUR", 20_000));
    }

    @Test
    void aSpentBudgetRefusesEvenOneMoreCent() {
        fixture.given(budget(50_000, "EUR"), PUBLISHED)
                .andGivenCommands(proposeFromBudget(ALLOCATION, "EUR", 50_000L))
                .when(proposeFromBudget(NEXT_ALLOCATION, "EUR", 1L))
                .expectException(refusal(ErrorCode.BUDGET_EXCEEDED, "pool"))
                .expectNoEvents();
    }

    @Test
    void aProposalCannotCreditARecordTakenDownSinceItsAttribution() {
        catalog.given(org.collabledger.domain.testing.Samples.takenDown(SONG));

        fixture.given(
                        profitShare(Fraction.ONE_HALF),
                        PUBLISHED,
                        recorded(ENTRY, Entry.REVENUE, 1_000, "USD", "r1"))
                .when(proposeProfitShare(ALLOCATION, "USD"))
                .expectException(refusal(ErrorCode.STALE_ATTRIBUTION, null))
                .expectNoEvents();
    }
}
