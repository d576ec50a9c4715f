package org.collabledger.domain.treasury;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.collabledger.domain.testing.RefusalMatcher.refusal;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.CAROL;
import static org.collabledger.domain.testing.Samples.PILOT;
import static org.collabledger.domain.testing.Samples.registered;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.collabledger.domain.allocation.Allocation;
import org.collabledger.domain.allocation.AllocationCommand.FinalizeAllocation;
import org.collabledger.domain.allocation.AllocationEvent.AllocationFinalized;
import org.collabledger.domain.allocation.AllocationEvent.AllocationProposed;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Fraction;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.testing.CatalogFromEvents;
import org.collabledger.domain.treasury.TreasuryCommand.FailPayment;
import org.collabledger.domain.treasury.TreasuryCommand.RecordAdjustment;
import org.collabledger.domain.treasury.TreasuryCommand.ReversePayment;
import org.collabledger.domain.treasury.TreasuryCommand.RunPayout;
import org.collabledger.domain.treasury.TreasuryCommand.SettlePayment;
import org.collabledger.domain.treasury.TreasuryEvent.AdjustmentRecorded;
import org.collabledger.domain.treasury.TreasuryEvent.AllocationCredited;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentFailed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentIssued;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentReversed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentSettled;
import org.collabledger.domain.treasury.TreasuryEvent.PayoutDeferred;
import org.collabledger.domain.treasury.TreasuryEvent.PayoutRunStarted;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Balances, payout runs and payments of one currency, and the money commands that credit and
 * correct them.
 */
class TreasuryTest {

    private static final String USD = Treasury.idOf("USD");
    private static final String JPY = Treasury.idOf("JPY");
    private static final String ALLOCATION = "00000000-0000-0000-0000-000000000901";
    private static final String NEXT_ALLOCATION = "00000000-0000-0000-0000-000000000902";
    private static final String RUN = "00000000-0000-0000-0000-000000000a01";
    private static final String NEXT_RUN = "00000000-0000-0000-0000-000000000a02";
    private static final String ADJUSTMENT = "00000000-0000-0000-0000-000000000b01";
    private static final String UNKNOWN_PAYMENT = "00000000-0000-0000-0000-000000000c01";
    private static final String STRANGER = "00000000-0000-0000-0000-000000000199";
    private static final String RAIL = "bank-transfer";

    /** The stored type of the event most adjustments here correct. */
    private static final String CREDIT = "treasury.allocation-credited";

    private static final Instant AT = Instant.parse("2026-12-31T12:00:00Z");

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

    private static AllocationCredited credited(
            String treasuryId, String currency, long... amounts) {
        String[] artists = {ALICE, BOB, CAROL};
        List<AllocationLine> lines = new ArrayList<>();
        long pool = 0;
        for (long amount : amounts) {
            pool += amount;
        }
        for (int i = 0; i < amounts.length; i++) {
            lines.add(new AllocationLine(artists[i], Fraction.of(amounts[i], pool), amounts[i]));
        }
        return new AllocationCredited(treasuryId, currency, ALLOCATION, PILOT, pool, lines);
    }

    private static PayoutRunStarted started(String runId, long threshold) {
        return new PayoutRunStarted(USD, "USD", runId, threshold, RAIL, AT);
    }

    private static PaymentIssued issued(String runId, String artistId, long amount) {
        return new PaymentIssued(
                USD,
                "USD",
                runId,
                Treasury.paymentId(runId, artistId),
                artistId,
                amount,
                RAIL,
                null);
    }

    private static RunPayout run(String runId, Long threshold) {
        return new RunPayout(USD, runId, threshold, null, null, AT);
    }

    private static String payment(String artistId) {
        return Treasury.paymentId(RUN, artistId);
    }

    /** Payout runs and payment states, one treasury at a time. */
    @Nested
    class Payouts {

        private AggregateTestFixture<Treasury> fixture;

        @BeforeEach
        void setUp() {
            fixture = new AggregateTestFixture<>(Treasury.class);
        }

        @Test
        void aRunPaysEveryBalanceAtOrAboveTheThresholdInFullAndDefersSmallerOnes() {
            fixture.given(credited(USD, "USD", 1_500, 1_000, 999))
                    .when(run(RUN, null))
                    .expectEvents(
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            issued(RUN, BOB, 1_000),
                            new PayoutDeferred(USD, "USD", RUN, CAROL, 999, 1_000));
        }

        @Test
        void theDefaultThresholdIsTenMajorUnitsSoTenYen() {
            fixture.given(credited(JPY, "JPY", 10, 9))
                    .when(new RunPayout(JPY, RUN, null, null, null, AT))
                    .expectEvents(
                            new PayoutRunStarted(JPY, "JPY", RUN, 10, RAIL, AT),
                            new PaymentIssued(
                                    JPY, "JPY", RUN, payment(ALICE), ALICE, 10, RAIL, null),
                            new PayoutDeferred(JPY, "JPY", RUN, BOB, 9, 10));
        }

        @Test
        void aRunMayNameItsThresholdRailAndReference() {
            fixture.given(credited(USD, "USD", 1_500, 250, 1))
                    .when(new RunPayout(USD, RUN, 250L, "paypal", "H2-2026", AT))
                    .expectEvents(
                            new PayoutRunStarted(USD, "USD", RUN, 250, "paypal", AT),
                            new PaymentIssued(
                                    USD,
                                    "USD",
                                    RUN,
                                    payment(ALICE),
                                    ALICE,
                                    1_500,
                                    "paypal",
                                    "H2-2026"),
                            new PaymentIssued(
                                    USD, "USD", RUN, payment(BOB), BOB, 250, "paypal", "H2-2026"),
                            new PayoutDeferred(USD, "USD", RUN, CAROL, 1, 250));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1})
        void aThresholdIsAPositiveAmount(long threshold) {
            fixture.given(credited(USD, "USD", 1_500))
                    .when(run(RUN, threshold))
                    .expectException(refusal(ErrorCode.INVALID_MONEY, "threshold"))
                    .expectNoEvents();
        }

        @Test
        void aThresholdIsWithinTheLimit() {
            fixture.given(credited(USD, "USD", 1_500))
                    .when(run(RUN, Money.LIMIT + 1))
                    .expectException(refusal(ErrorCode.AMOUNT_OUT_OF_RANGE, "threshold"))
                    .expectNoEvents();
        }

        @Test
        void aRunMayTakeTheTurnoverUpToTheLimitCountingEachPaymentTwice() {
            long third = Money.LIMIT / 3;
            fixture.given(credited(USD, "USD", third))
                    .when(run(RUN, null))
                    .expectEvents(started(RUN, 1_000), issued(RUN, ALICE, third));
        }

        @Test
        void aRunThatWouldTakeTheTurnoverBeyondTheLimitIsRefused() {
            // Credited L/3 + 1, then paid: (L/3 + 1) + 2 · (L/3 + 1) > L, as the payment may still
            // come back.
            fixture.given(credited(USD, "USD", Money.LIMIT / 3 + 1))
                    .when(run(RUN, null))
                    .expectException(refusal(ErrorCode.AMOUNT_OUT_OF_RANGE, null))
                    .expectNoEvents();
        }

        @Test
        void runIdIsALedgerId() {
            fixture.given(credited(USD, "USD", 1_500))
                    .when(run("h2-run", null))
                    .expectException(refusal(ErrorCode.INVALID_INPUT, "runId"))
                    .expectNoEvents();
        }

        @Test
        void aBalanceIsPaidOnlyOnce() {
            fixture.given(
                            credited(USD, "USD", 1_500, 1_000, 999),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            issued(RUN, BOB, 1_000),
                            new PayoutDeferred(USD, "USD", RUN, CAROL, 999, 1_000))
                    .when(run(NEXT_RUN, null))
                    .expectEvents(
                            started(NEXT_RUN, 1_000),
                            new PayoutDeferred(USD, "USD", NEXT_RUN, CAROL, 999, 1_000));
        }

        @Test
        void aDeferredBalanceCarriesToTheNextRun() {
            fixture.given(
                            credited(USD, "USD", 999),
                            started(RUN, 1_000),
                            new PayoutDeferred(USD, "USD", RUN, ALICE, 999, 1_000),
                            new AdjustmentRecorded(
                                    USD, "USD", ADJUSTMENT, ALICE, 1, "rounding", "evt-1"))
                    .when(run(NEXT_RUN, null))
                    .expectEvents(started(NEXT_RUN, 1_000), issued(NEXT_RUN, ALICE, 1_000));
        }

        @Test
        void zeroAndNegativeBalancesAreNeitherPaidNorDeferred() {
            fixture.given(
                            credited(USD, "USD", 1_500, 1_000),
                            new AdjustmentRecorded(
                                    USD, "USD", ADJUSTMENT, BOB, -1_000, "paid twice", "evt-1"),
                            new AdjustmentRecorded(
                                    USD, "USD", ADJUSTMENT, CAROL, -5, "clawback", "evt-2"))
                    .when(run(RUN, 1L))
                    .expectEvents(started(RUN, 1), issued(RUN, ALICE, 1_500));
        }

        @Test
        void anIssuedPaymentSettles() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500))
                    .when(new SettlePayment(USD, payment(ALICE), "wire-77"))
                    .expectEvents(
                            new PaymentSettled(
                                    USD, "USD", payment(ALICE), ALICE, 1_500, "wire-77"));
        }

        @Test
        void onlyAnIssuedPaymentSettles() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentFailed(
                                    USD, "USD", payment(ALICE), ALICE, 1_500, "account closed"))
                    .when(new SettlePayment(USD, payment(ALICE), null))
                    .expectException(refusal(ErrorCode.PAYMENT_STATE, null))
                    .expectNoEvents();
        }

        @Test
        void aPaymentSettlesOnlyOnce() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentSettled(USD, "USD", payment(ALICE), ALICE, 1_500, null))
                    .when(new SettlePayment(USD, payment(ALICE), null))
                    .expectException(refusal(ErrorCode.PAYMENT_STATE, null))
                    .expectNoEvents();
        }

        @Test
        void aFailedPaymentReturnsItsAmountToTheBalance() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500))
                    .when(new FailPayment(USD, payment(ALICE), "account closed"))
                    .expectEvents(
                            new PaymentFailed(
                                    USD, "USD", payment(ALICE), ALICE, 1_500, "account closed"));
        }

        @Test
        void theNextRunPaysAFailedPaymentAgain() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentFailed(
                                    USD, "USD", payment(ALICE), ALICE, 1_500, "account closed"))
                    .when(run(NEXT_RUN, null))
                    .expectEvents(started(NEXT_RUN, 1_000), issued(NEXT_RUN, ALICE, 1_500));
        }

        @Test
        void aFailureGivesAReason() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500))
                    .when(new FailPayment(USD, payment(ALICE), null))
                    .expectException(refusal(ErrorCode.INVALID_INPUT, "reason"))
                    .expectNoEvents();
        }

        @Test
        void onlyAnIssuedPaymentFails() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentSettled(USD, "USD", payment(ALICE), ALICE, 1_500, null))
                    .when(new FailPayment(USD, payment(ALICE), "bounced"))
                    .expectException(refusal(ErrorCode.PAYMENT_STATE, null))
                    .expectNoEvents();
        }

        @Test
        void aSettledPaymentIsReversedAndReturnsToTheBalance() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentSettled(USD, "USD", payment(ALICE), ALICE, 1_500, null))
                    .when(new ReversePayment(USD, payment(ALICE), "chargeback"))
                    .expectEvents(
                            new PaymentReversed(
                                    USD, "USD", payment(ALICE), ALICE, 1_500, "chargeback"));
        }

        @Test
        void theNextRunPaysAReversedPaymentAgain() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentSettled(USD, "USD", payment(ALICE), ALICE, 1_500, null),
                            new PaymentReversed(
                                    USD, "USD", payment(ALICE), ALICE, 1_500, "chargeback"))
                    .when(run(NEXT_RUN, null))
                    .expectEvents(started(NEXT_RUN, 1_000), issued(NEXT_RUN, ALICE, 1_500));
        }

        @Test
        void onlyASettledPaymentIsReversed() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500))
                    .when(new ReversePayment(USD, payment(ALICE), "chargeback"))
                    .expectException(refusal(ErrorCode.PAYMENT_STATE, null))
                    .expectNoEvents();
        }

        @Test
        void aPaymentIsReversedOnlyOnce() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentSettled(USD, "USD", payment(ALICE), ALICE, 1_500, null),
                            new PaymentReversed(
                                    USD, "USD", payment(ALICE), ALICE, 1_500, "chargeback"))
                    .when(new ReversePayment(USD, payment(ALICE), "again"))
                    .expectException(refusal(ErrorCode.PAYMENT_STATE, null))
                    .expectNoEvents();
        }

        @Test
        void aReversalGivesAReason() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentSettled(USD, "USD", payment(ALICE), ALICE, 1_500, null))
                    .when(new ReversePayment(USD, payment(ALICE), " "))
                    .expectException(refusal(ErrorCode.INVALID_INPUT, "reason"))
                    .expectNoEvents();
        }

        @Test
        void anUnknownPaymentIsNotSettled() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500))
                    .when(new SettlePayment(USD, UNKNOWN_PAYMENT, null))
                    .expectException(refusal(ErrorCode.UNKNOWN_PAYMENT, "paymentId"))
                    .expectNoEvents();
        }

        @Test
        void anUnknownPaymentDoesNotFail() {
            fixture.given(credited(USD, "USD", 1_500))
                    .when(new FailPayment(USD, UNKNOWN_PAYMENT, "bounced"))
                    .expectException(refusal(ErrorCode.UNKNOWN_PAYMENT, "paymentId"))
                    .expectNoEvents();
        }

        @Test
        void anUnknownPaymentIsNotReversed() {
            fixture.given(credited(USD, "USD", 1_500))
                    .when(new ReversePayment(USD, UNKNOWN_PAYMENT, "chargeback"))
                    .expectException(refusal(ErrorCode.UNKNOWN_PAYMENT, "paymentId"))
                    .expectNoEvents();
        }

        @Test
        void aRunIdIsUsedOnlyOnce() {
            fixture.given(
                            credited(USD, "USD", 1_500),
                            started(RUN, 1_000),
                            issued(RUN, ALICE, 1_500),
                            new PaymentSettled(USD, "USD", payment(ALICE), ALICE, 1_500, null),
                            credited(USD, "USD", 2_000))
                    .when(run(RUN, null))
                    .expectException(Refusal.class)
                    .expectNoEvents();
        }
    }

    /**
     * FinalizeAllocation and RecordAdjustment through MoneyCommandHandler, wired as the application
     * wires it.
     */
    @Nested
    class MoneyCommands {

        private static final Instant PROPOSED_AT = Instant.parse("2026-06-01T09:00:00Z");
        private static final Instant WINDOW_ENDS = PROPOSED_AT.plus(Duration.ofDays(14));
        private static final Map<String, String> THIRDS =
                Map.of(ALICE, "1/3", BOB, "1/3", CAROL, "1/3");
        private static final List<AllocationLine> THIRDS_OF_1000 =
                List.of(
                        new AllocationLine(ALICE, Fraction.of(1, 3), 334),
                        new AllocationLine(BOB, Fraction.of(1, 3), 333),
                        new AllocationLine(CAROL, Fraction.of(1, 3), 333));

        private final CatalogFromEvents catalog = new CatalogFromEvents();
        private InMemoryMoney money;

        @BeforeEach
        void setUp() {
            catalog.given(
                    registered(ALICE, "alice"), registered(BOB, "bob"), registered(CAROL, "carol"));
            money = new InMemoryMoney(catalog);
        }

        private RecordAdjustment adjustment(String currency, String artistId, long amount) {
            return new RecordAdjustment(
                    currency, ADJUSTMENT, artistId, amount, "missed in H1", "event-17", CREDIT);
        }

        @Test
        void finalizingCreditsTheTreasuryOfItsCurrencyInTheSameUnitOfWork() {
            money.propose(ALLOCATION, "USD", 1_000, THIRDS, 14, PROPOSED_AT);

            money.send(new FinalizeAllocation(ALLOCATION, WINDOW_ENDS));

            assertThat(money.events(ALLOCATION))
                    .containsExactly(
                            new AllocationProposed(
                                    ALLOCATION,
                                    PILOT,
                                    "USD",
                                    1_000,
                                    THIRDS_OF_1000,
                                    14,
                                    WINDOW_ENDS,
                                    7,
                                    PROPOSED_AT),
                            new AllocationFinalized(
                                    ALLOCATION, PILOT, "USD", 1_000, THIRDS_OF_1000, WINDOW_ENDS));
            assertThat(money.events(USD))
                    .containsExactly(
                            new AllocationCredited(
                                    USD, "USD", ALLOCATION, PILOT, 1_000, THIRDS_OF_1000));
        }

        @Test
        void finalizingInsideTheReviewWindowStoresNothingAnywhere() {
            money.propose(ALLOCATION, "USD", 1_000, THIRDS, 14, PROPOSED_AT);

            assertRefused(
                    () ->
                            money.send(
                                    new FinalizeAllocation(
                                            ALLOCATION, WINDOW_ENDS.minusSeconds(1))),
                    ErrorCode.REVIEW_WINDOW_OPEN,
                    null);
            assertThat(money.events(ALLOCATION)).hasSize(1);
            assertThat(money.events(USD)).isEmpty();
        }

        @Test
        void aSecondFinalizationIsRefusedAndCreditsNothing() {
            money.propose(ALLOCATION, "USD", 1_000, THIRDS, 14, PROPOSED_AT);
            money.send(new FinalizeAllocation(ALLOCATION, WINDOW_ENDS));

            assertRefused(
                    () ->
                            money.send(
                                    new FinalizeAllocation(ALLOCATION, WINDOW_ENDS.plusSeconds(1))),
                    ErrorCode.ALLOCATION_FINALIZED,
                    null);
            assertThat(money.events(ALLOCATION)).hasSize(2);
            assertThat(money.events(USD)).hasSize(1);
        }

        @Test
        void balancesAddUpAcrossAllocationsOfACurrencyAndStaySeparateAcrossCurrencies() {
            money.propose(ALLOCATION, "USD", 1_000, THIRDS, 0, PROPOSED_AT);
            money.propose(NEXT_ALLOCATION, "EUR", 5_000, Map.of(ALICE, "1"), 0, PROPOSED_AT);
            money.send(new FinalizeAllocation(ALLOCATION, PROPOSED_AT));
            money.send(new FinalizeAllocation(NEXT_ALLOCATION, PROPOSED_AT));
            money.propose(
                    "00000000-0000-0000-0000-000000000903",
                    "USD",
                    2_000,
                    Map.of(ALICE, "1/2", BOB, "1/2"),
                    0,
                    PROPOSED_AT);
            money.send(new FinalizeAllocation("00000000-0000-0000-0000-000000000903", PROPOSED_AT));

            money.send(run(RUN, null));

            assertThat(money.events(USD))
                    .filteredOn(PaymentIssued.class::isInstance)
                    .containsExactly(issued(RUN, ALICE, 1_334), issued(RUN, BOB, 1_333));
            assertThat(money.events(USD))
                    .filteredOn(PayoutDeferred.class::isInstance)
                    .containsExactly(new PayoutDeferred(USD, "USD", RUN, CAROL, 333, 1_000));
            assertThat(money.events(Treasury.idOf("EUR"))).hasSize(1);
        }

        @Test
        void workedExampleAIsPaidInFull() {
            money.propose(
                    ALLOCATION,
                    "USD",
                    50_000,
                    Map.of(ANA, "3/8", BEN, "3/32", CAI, "3/16", DEE, "3/32", EVE, "1/4"),
                    14,
                    PROPOSED_AT);
            money.send(new FinalizeAllocation(ALLOCATION, WINDOW_ENDS));

            money.send(run(RUN, null));

            assertThat(money.events(USD))
                    .filteredOn(PaymentIssued.class::isInstance)
                    .containsExactly(
                            issued(RUN, ANA, 18_750),
                            issued(RUN, BEN, 4_688),
                            issued(RUN, CAI, 9_375),
                            issued(RUN, DEE, 4_687),
                            issued(RUN, EVE, 12_500));
        }

        @Test
        void workedExampleBIsDeferredInDollarsAndPaidInYen() {
            Map<String, String> shares = Map.of(KIM, "5/12", LOU, "1/6", MAX, "5/12");
            money.propose(ALLOCATION, "USD", 1_001, shares, 14, PROPOSED_AT);
            money.propose(NEXT_ALLOCATION, "JPY", 1_001, shares, 14, PROPOSED_AT);
            money.send(new FinalizeAllocation(ALLOCATION, WINDOW_ENDS));
            money.send(new FinalizeAllocation(NEXT_ALLOCATION, WINDOW_ENDS));

            money.send(run(RUN, null));
            money.send(new RunPayout(JPY, RUN, null, null, null, AT));

            assertThat(money.events(USD))
                    .filteredOn(PayoutDeferred.class::isInstance)
                    .containsExactly(
                            new PayoutDeferred(USD, "USD", RUN, KIM, 417, 1_000),
                            new PayoutDeferred(USD, "USD", RUN, LOU, 167, 1_000),
                            new PayoutDeferred(USD, "USD", RUN, MAX, 417, 1_000));
            assertThat(money.events(JPY))
                    .filteredOn(PaymentIssued.class::isInstance)
                    .extracting(
                            event ->
                                    ((PaymentIssued) event).artistId()
                                            + "="
                                            + ((PaymentIssued) event).amount())
                    .containsExactly(KIM + "=417", LOU + "=167", MAX + "=417");
        }

        @Test
        void anAdjustmentCorrectsABalanceAndMayStartATreasury() {
            money.send(
                    new RecordAdjustment(
                            "usd", ADJUSTMENT, ALICE, 1_200, " missed in H1 ", "event-17", CREDIT));

            assertThat(money.events(USD))
                    .containsExactly(
                            new AdjustmentRecorded(
                                    USD,
                                    "USD",
                                    ADJUSTMENT,
                                    ALICE,
                                    1_200,
                                    "missed in H1",
                                    "event-17"));
        }

        @Test
        void aNegativeAdjustmentMayTakeABalanceBelowZeroAndNothingIsPaidOrDeferred() {
            money.propose(ALLOCATION, "USD", 1_000, THIRDS, 0, PROPOSED_AT);
            money.send(new FinalizeAllocation(ALLOCATION, PROPOSED_AT));
            money.send(adjustment("USD", ALICE, -2_000));

            money.send(run(RUN, 1L));

            assertThat(money.events(USD))
                    .filteredOn(PaymentIssued.class::isInstance)
                    .containsExactly(issued(RUN, BOB, 333), issued(RUN, CAROL, 333));
            assertThat(money.events(USD)).filteredOn(PayoutDeferred.class::isInstance).isEmpty();
        }

        @Test
        void anAdjustmentIsNotZero() {
            assertRefused(
                    () -> money.send(adjustment("USD", ALICE, 0)),
                    ErrorCode.INVALID_MONEY,
                    "amount");
            assertThat(money.events(USD)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(longs = {Long.MAX_VALUE, Long.MIN_VALUE, Money.LIMIT + 1, -Money.LIMIT - 1})
        void anAdjustmentIsWithinTheLimit(long amount) {
            assertRefused(
                    () -> money.send(adjustment("USD", ALICE, amount)),
                    ErrorCode.AMOUNT_OUT_OF_RANGE,
                    "amount");
            assertThat(money.events(USD)).isEmpty();
        }

        @Test
        void adjustmentsOfDifferentArtistsTogetherStayWithinTheLimitEitherWay() {
            money.send(adjustment("USD", ALICE, Money.LIMIT));

            assertRefused(
                    () -> money.send(adjustment("USD", BOB, 1)),
                    ErrorCode.AMOUNT_OUT_OF_RANGE,
                    "amount");
            assertRefused(
                    () -> money.send(adjustment("USD", BOB, -1)),
                    ErrorCode.AMOUNT_OUT_OF_RANGE,
                    "amount");
            assertThat(money.events(USD)).hasSize(1);
            money.send(adjustment("EUR", BOB, Money.LIMIT));
        }

        @Test
        void anAllocationThatWouldTakeTheTurnoverBeyondTheLimitIsNotFinalized() {
            money.send(adjustment("USD", ALICE, Money.LIMIT - 999));
            money.propose(ALLOCATION, "USD", 1_000, THIRDS, 0, PROPOSED_AT);

            assertRefused(
                    () -> money.send(new FinalizeAllocation(ALLOCATION, PROPOSED_AT)),
                    ErrorCode.AMOUNT_OUT_OF_RANGE,
                    null);
            assertThat(money.events(ALLOCATION)).hasSize(1);
            assertThat(money.events(USD)).hasSize(1);
        }

        @Test
        void anAdjustmentIsForARegisteredArtist() {
            assertRefused(
                    () -> money.send(adjustment("USD", STRANGER, 100)),
                    ErrorCode.UNKNOWN_ARTIST,
                    "artistId");
            assertThat(money.events(USD)).isEmpty();
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"ZZZ", "XXX"})
        void anAdjustmentIsInAKnownCurrency(String currency) {
            assertRefused(
                    () -> money.send(adjustment(currency, ALICE, 100)),
                    ErrorCode.UNKNOWN_CURRENCY,
                    "currency");
        }

        @Test
        void anAdjustmentGivesAReason() {
            assertRefused(
                    () ->
                            money.send(
                                    new RecordAdjustment(
                                            "USD",
                                            ADJUSTMENT,
                                            ALICE,
                                            100,
                                            null,
                                            "event-17",
                                            CREDIT)),
                    ErrorCode.INVALID_INPUT,
                    "reason");
        }

        @Test
        void anAdjustmentNamesTheEventItCorrects() {
            assertRefused(
                    () ->
                            money.send(
                                    new RecordAdjustment(
                                            "USD", ADJUSTMENT, ALICE, 100, "why", " ", CREDIT)),
                    ErrorCode.INVALID_INPUT,
                    "correctedEventId");
        }

        @Test
        void anAdjustmentNamesAnEventTheLedgerHolds() {
            assertRefused(
                    () ->
                            money.send(
                                    new RecordAdjustment(
                                            "USD",
                                            ADJUSTMENT,
                                            ALICE,
                                            100,
                                            "why",
                                            "event-17",
                                            null)),
                    ErrorCode.UNKNOWN_EVENT,
                    "correctedEventId");
            assertThat(money.events(USD)).isEmpty();
        }

        @Test
        void anUnknownArtistIsNamedBeforeAnUnknownEvent() {
            assertRefused(
                    () ->
                            money.send(
                                    new RecordAdjustment(
                                            "USD",
                                            ADJUSTMENT,
                                            STRANGER,
                                            100,
                                            "why",
                                            "event-17",
                                            null)),
                    ErrorCode.UNKNOWN_ARTIST,
                    "artistId");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "allocation.finalized",
                    "treasury.allocation-credited",
                    "treasury.adjustment-recorded",
                    "treasury.payment-issued",
                    "treasury.payment-settled",
                    "treasury.payment-failed",
                    "treasury.payment-reversed"
                })
        void anAdjustmentCorrectsAnEventThatMovedABalance(String type) {
            money.send(
                    new RecordAdjustment("USD", ADJUSTMENT, ALICE, 100, "why", "event-17", type));

            assertThat(money.events(USD)).hasSize(1);
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "artist.registered",
                    "record.uploaded",
                    "release.entry-recorded",
                    "allocation.proposed",
                    "treasury.payout-run-started",
                    "treasury.payout-deferred"
                })
        void anAdjustmentDoesNotCorrectAnEventThatMovedNoBalance(String type) {
            assertRefused(
                    () ->
                            money.send(
                                    new RecordAdjustment(
                                            "USD",
                                            ADJUSTMENT,
                                            ALICE,
                                            100,
                                            "why",
                                            "event-17",
                                            type)),
                    ErrorCode.INVALID_INPUT,
                    "correctedEventId");
            assertThat(money.events(USD)).isEmpty();
        }

        @Test
        void adjustmentIdIsALedgerId() {
            assertRefused(
                    () ->
                            money.send(
                                    new RecordAdjustment(
                                            "USD", "adj-1", ALICE, 100, "why", "event-17", CREDIT)),
                    ErrorCode.INVALID_INPUT,
                    "adjustmentId");
        }

        private static void assertRefused(Runnable command, ErrorCode code, String field) {
            assertThatThrownBy(command::run)
                    .isInstanceOfSatisfying(
                            Refusal.class,
                            refused -> {
                                assertThat(refused.code()).isEqualTo(code);
                                assertThat(refused.field()).isEqualTo(field);
                            });
        }
    }

    /**
     * The allocation and treasury aggregates on an in-memory event store, with MoneyCommandHandler
     * on a simple command bus: the same wiring as the application, without storage, so a test sees
     * both streams.
     */
    static final class InMemoryMoney {

        private final EventStore store =
                EmbeddedEventStore.builder()
                        .storageEngine(new InMemoryEventStorageEngine())
                        .build();
        private final Repository<Allocation> allocations;
        private final CommandGateway gateway;

        InMemoryMoney(LedgerCatalog catalog) {
            ParameterResolverFactory resolvers =
                    MultiParameterResolverFactory.ordered(
                            ClasspathParameterResolverFactory.forClass(Treasury.class),
                            new SimpleResourceParameterResolverFactory(List.of(catalog)));
            allocations =
                    EventSourcingRepository.builder(Allocation.class)
                            .eventStore(store)
                            .parameterResolverFactory(resolvers)
                            .build();
            Repository<Treasury> treasuries =
                    EventSourcingRepository.builder(Treasury.class)
                            .eventStore(store)
                            .parameterResolverFactory(resolvers)
                            .build();
            CommandBus bus = SimpleCommandBus.builder().build();
            AggregateAnnotationCommandHandler.<Allocation>builder()
                    .aggregateType(Allocation.class)
                    .repository(allocations)
                    .parameterResolverFactory(resolvers)
                    .build()
                    .subscribe(bus);
            AggregateAnnotationCommandHandler.<Treasury>builder()
                    .aggregateType(Treasury.class)
                    .repository(treasuries)
                    .parameterResolverFactory(resolvers)
                    .build()
                    .subscribe(bus);
            new AnnotationCommandHandlerAdapter<>(
                            new MoneyCommandHandler(allocations, treasuries), resolvers)
                    .subscribe(bus);
            gateway = DefaultCommandGateway.builder().commandBus(bus).build();
        }

        /** Proposes as a release does after reserving the pool (attribution position 7). */
        void propose(
                String allocationId,
                String currency,
                long pool,
                Map<String, String> shares,
                int reviewDays,
                Instant at) {
            var result =
                    DefaultUnitOfWork.startAndGet(null)
                            .executeWithResult(
                                    () ->
                                            allocations.newInstance(
                                                    () ->
                                                            new Allocation(
                                                                    allocationId,
                                                                    PILOT,
                                                                    currency,
                                                                    pool,
                                                                    shares,
                                                                    reviewDays,
                                                                    7,
                                                                    at)));
            if (result.isExceptional()) {
                throw new IllegalStateException("proposal failed", result.exceptionResult());
            }
        }

        /** Sends a command and waits; a refusal is thrown as it is. */
        Object send(Object command) {
            return gateway.sendAndWait(command);
        }

        /** The payloads of one aggregate's stream, in order. */
        List<Object> events(String aggregateId) {
            return store.readEvents(aggregateId)
                    .asStream()
                    .map(Message::getPayload)
                    .map(Object.class::cast)
                    .toList();
        }
    }

    @Test
    void theDefaultThresholdIsTenMajorUnitsOfEveryAcceptedCurrencyByTheLedgersTable() {
        org.collabledger.domain.shared.Currencies.minorUnits()
                .forEach(
                        (code, digits) ->
                                assertThat(Treasury.defaultThreshold(code))
                                        .as(code)
                                        .isEqualTo(
                                                new java.math.BigDecimal(10)
                                                        .movePointRight(digits)
                                                        .longValueExact()));
    }
}
