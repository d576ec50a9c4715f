package org.collabledger.domain.treasury;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.collabledger.domain.testing.Samples.ALICE;
import static org.collabledger.domain.testing.Samples.BOB;
import static org.collabledger.domain.testing.Samples.CAROL;
import static org.collabledger.domain.testing.Samples.PILOT;
import static org.collabledger.domain.testing.Samples.registered;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.statistics.Statistics;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.collabledger.domain.allocation.AllocationCommand.FinalizeAllocation;
import org.collabledger.domain.allocation.AllocationLine;
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

/**
 * After any money command sequence the §6 invariant holds, each balance is paid once, only
 * adjustments go negative, and no total of the currency leaves {@link Money#LIMIT}.
 */
class MoneyProperties {

    private static final List<String> ARTISTS =
            List.of(
                    ALICE,
                    BOB,
                    CAROL,
                    "00000000-0000-0000-0000-000000000104",
                    "00000000-0000-0000-0000-000000000105");

    /** 10.00 in the major unit, written out rather than taken from the code under test. */
    private static final Map<String, Long> DEFAULT_THRESHOLDS =
            Map.of("USD", 1_000L, "EUR", 1_000L, "JPY", 10L);

    private static final Instant AT = Instant.parse("2026-12-31T12:00:00Z");

    /** The stored type of the event the adjustments correct. */
    private static final String CORRECTED = "treasury.payment-issued";

    // --- the steps, written as small values so jqwik can shrink and print them ---

    /**
     * One money command. Payment steps name the {@code n}-th payment issued so far, modulo how many
     * there are.
     */
    sealed interface Step {}

    /**
     * Finalize an allocation whose lines are these amounts per artist (0: not in the allocation).
     */
    record Credit(List<Long> amounts) implements Step {}

    /** Adjust an artist's balance by a signed, non-zero amount. */
    record Adjust(int artist, long amount) implements Step {}

    /** Run a payout; {@code null} threshold takes the currency's default. */
    record Run(Long threshold) implements Step {}

    record Settle(int payment) implements Step {}

    record Fail(int payment) implements Step {}

    record Reverse(int payment) implements Step {}

    @Provide
    Arbitrary<String> currencies() {
        return Arbitraries.of("USD", "EUR", "JPY");
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Long> line =
                Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just(0L)),
                        Tuple.of(3, Arbitraries.longs().between(1, 3_000)));
        Arbitrary<Step> credit =
                line.list()
                        .ofSize(ARTISTS.size())
                        .filter(amounts -> amounts.stream().mapToLong(Long::longValue).sum() > 0)
                        .map(Credit::new);
        Arbitrary<Step> adjust =
                Arbitraries.integers()
                        .between(0, ARTISTS.size() - 1)
                        .flatMap(
                                artist ->
                                        Arbitraries.longs()
                                                .between(-3_000, 3_000)
                                                .filter(amount -> amount != 0)
                                                .map(amount -> new Adjust(artist, amount)));
        Arbitrary<Step> run = Arbitraries.longs().between(1, 4_000).injectNull(0.4).map(Run::new);
        Arbitrary<Integer> payment = Arbitraries.integers().between(0, 50);
        return Arbitraries.frequencyOf(
                        Tuple.of(3, credit),
                        Tuple.of(2, adjust),
                        Tuple.of(3, run),
                        Tuple.of(2, payment.map(Settle::new)),
                        Tuple.of(2, payment.map(Fail::new)),
                        Tuple.of(2, payment.map(Reverse::new)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(40);
    }

    @Property(tries = 300)
    void moneyRulesHoldAfterEveryStep(
            @ForAll("currencies") String currency, @ForAll("steps") List<Step> steps) {
        new Session(currency).play(steps);
    }

    @Provide
    Arbitrary<Tuple2<List<Step>, List<Step>>> creditsInTwoOrders() {
        Arbitrary<List<Step>> credits =
                steps().map(
                                list ->
                                        list.stream()
                                                .filter(
                                                        step ->
                                                                step instanceof Credit
                                                                        || step instanceof Adjust)
                                                .toList());
        return credits.flatMap(
                list -> Arbitraries.shuffle(list).map(shuffled -> Tuple.of(list, shuffled)));
    }

    @Property(tries = 100)
    void balancesDoNotDependOnTheOrderOfCreditsAndAdjustments(
            @ForAll("currencies") String currency,
            @ForAll("creditsInTwoOrders") Tuple2<List<Step>, List<Step>> orders) {
        Session one = new Session(currency);
        one.play(orders.get1());
        Session other = new Session(currency);
        other.play(orders.get2());

        assertThat(other.balancesFromEvents()).isEqualTo(one.balancesFromEvents());
    }

    // --- amounts near the limit: whatever is accepted, no total of the currency can leave it ---

    @Provide
    Arbitrary<List<Step>> largeSteps() {
        // A release never proposes a pool beyond the limit, so five lines of at most a fifth of it
        // each.
        Arbitrary<Step> credit =
                Arbitraries.longs()
                        .between(0, Money.LIMIT / ARTISTS.size())
                        .list()
                        .ofSize(ARTISTS.size())
                        .filter(amounts -> amounts.stream().anyMatch(amount -> amount > 0))
                        .map(Credit::new);
        Arbitrary<Step> adjust =
                Arbitraries.integers()
                        .between(0, ARTISTS.size() - 1)
                        .flatMap(
                                artist ->
                                        Arbitraries.longs()
                                                .between(-Money.LIMIT, Money.LIMIT)
                                                .filter(amount -> amount != 0)
                                                .map(amount -> new Adjust(artist, amount)));
        Arbitrary<Step> run =
                Arbitraries.longs().between(1, Money.LIMIT / 8).injectNull(0.5).map(Run::new);
        Arbitrary<Integer> payment = Arbitraries.integers().between(0, 20);
        return Arbitraries.frequencyOf(
                        Tuple.of(3, credit),
                        Tuple.of(2, adjust),
                        Tuple.of(3, run),
                        Tuple.of(1, payment.map(Settle::new)),
                        Tuple.of(2, payment.map(Fail::new)),
                        Tuple.of(1, payment.map(Reverse::new)))
                .list()
                .ofMinSize(1)
                .ofMaxSize(30);
    }

    @Property(tries = 300)
    void noTotalOfACurrencyEverLeavesTheLimit(@ForAll("largeSteps") List<Step> steps) {
        CatalogFromEvents catalog = new CatalogFromEvents();
        for (int i = 0; i < ARTISTS.size(); i++) {
            catalog.given(registered(ARTISTS.get(i), "artist" + i));
        }
        TreasuryTest.InMemoryMoney ledger = new TreasuryTest.InMemoryMoney(catalog);
        String treasuryId = Treasury.idOf("USD");
        int counter = 0;
        for (Step step : steps) {
            String id = String.format("00000000-0000-0000-0001-%012x", ++counter);
            List<PaymentIssued> issued =
                    ledger.events(treasuryId).stream()
                            .filter(PaymentIssued.class::isInstance)
                            .map(PaymentIssued.class::cast)
                            .toList();
            String paymentId =
                    issued.isEmpty()
                            ? id
                            : issued.get(paymentIndex(step) % issued.size()).paymentId();
            try {
                if (step instanceof Credit credit) {
                    long pool = credit.amounts().stream().mapToLong(Long::longValue).sum();
                    Map<String, String> shares = new TreeMap<>();
                    for (int i = 0; i < ARTISTS.size(); i++) {
                        if (credit.amounts().get(i) > 0) {
                            shares.put(
                                    ARTISTS.get(i),
                                    Fraction.of(credit.amounts().get(i), pool).toString());
                        }
                    }
                    ledger.propose(id, "USD", pool, shares, 0, AT);
                    ledger.send(new FinalizeAllocation(id, AT));
                } else if (step instanceof Adjust adjust) {
                    ledger.send(
                            new RecordAdjustment(
                                    "USD",
                                    id,
                                    ARTISTS.get(adjust.artist()),
                                    adjust.amount(),
                                    "property",
                                    "event-" + id,
                                    CORRECTED));
                } else if (step instanceof Run run) {
                    ledger.send(new RunPayout(treasuryId, id, run.threshold(), null, null, AT));
                } else {
                    ledger.send(
                            step instanceof Settle
                                    ? new SettlePayment(treasuryId, paymentId, null)
                                    : step instanceof Fail
                                            ? new FailPayment(treasuryId, paymentId, "bounced")
                                            : new ReversePayment(
                                                    treasuryId, paymentId, "chargeback"));
                }
                Statistics.label("outcome").collect("accepted");
            } catch (Refusal refused) {
                assertThat(refused.code())
                        .as("%s", step)
                        .isIn(
                                ErrorCode.AMOUNT_OUT_OF_RANGE,
                                ErrorCode.PAYMENT_STATE,
                                ErrorCode.UNKNOWN_PAYMENT);
                Statistics.label("outcome").collect(refused.code().slug());
            } catch (AggregateNotFoundException noTreasuryYet) {
                Statistics.label("outcome").collect("no treasury yet");
            }
            assertThat(absoluteSum(ledger.events(treasuryId)))
                    .as("every amount of the currency after %s", step)
                    .isLessThanOrEqualTo(BigInteger.valueOf(Money.LIMIT));
        }
    }

    private static int paymentIndex(Step step) {
        return step instanceof Settle s
                ? s.payment()
                : step instanceof Fail f
                        ? f.payment()
                        : step instanceof Reverse r ? r.payment() : 0;
    }

    /** The sum of the absolute values of a treasury's amounts: a bound on every total of them. */
    private static BigInteger absoluteSum(List<Object> events) {
        BigInteger sum = BigInteger.ZERO;
        for (Object event : events) {
            long amount =
                    event instanceof AllocationCredited credited
                            ? credited.pool()
                            : event instanceof AdjustmentRecorded adjustment
                                    ? adjustment.amount()
                                    : event instanceof PaymentIssued payment
                                            ? payment.amount()
                                            : event instanceof PaymentFailed failed
                                                    ? failed.amount()
                                                    : event instanceof PaymentReversed reversed
                                                            ? reversed.amount()
                                                            : 0;
            sum = sum.add(BigInteger.valueOf(amount).abs());
        }
        return sum;
    }

    // --- one ledger, a model of what it should do, and the checks after each step ---

    private enum State {
        ISSUED,
        SETTLED,
        FAILED,
        REVERSED
    }

    private static final class Payment {
        final String id;
        final String artist;
        final long amount;
        State state = State.ISSUED;

        Payment(String id, String artist, long amount) {
            this.id = id;
            this.artist = artist;
            this.amount = amount;
        }
    }

    /** Plays steps on a fresh in-memory ledger against an independent model of §6. */
    private static final class Session {

        private final String currency;
        private final String treasuryId;
        private final TreasuryTest.InMemoryMoney ledger;
        private final Map<String, Long> balances = new TreeMap<>();
        private final List<Payment> payments = new ArrayList<>();

        /**
         * Artists whose balance grew (credit, positive adjustment, failed or reversed payment)
         * since last paid.
         */
        private final Set<String> grownSincePaid = new HashSet<>();

        private int counter;

        Session(String currency) {
            this.currency = currency;
            this.treasuryId = Treasury.idOf(currency);
            CatalogFromEvents catalog = new CatalogFromEvents();
            for (int i = 0; i < ARTISTS.size(); i++) {
                catalog.given(registered(ARTISTS.get(i), "artist" + i));
                balances.put(ARTISTS.get(i), 0L);
            }
            ledger = new TreasuryTest.InMemoryMoney(catalog);
        }

        void play(List<Step> steps) {
            for (Step step : steps) {
                Map<String, Long> before = balancesFromEvents();
                int stored = ledger.events(treasuryId).size();
                List<Object> expected = apply(step);
                Statistics.label("outcome").collect(outcome(step, expected));
                List<Object> events = ledger.events(treasuryId);
                assertThat(events.subList(stored, events.size()))
                        .as("events of %s", step)
                        .containsExactlyElementsOf(expected);
                checkInvariant(step);
                if (!(step instanceof Adjust)) {
                    Map<String, Long> after = balancesFromEvents();
                    after.forEach(
                            (artist, balance) ->
                                    assertThat(balance < 0 && balance < before.get(artist))
                                            .as(
                                                    "%s took %s's balance from %s to %s",
                                                    step, artist, before.get(artist), balance)
                                            .isFalse());
                }
            }
        }

        /** What a step did, for the statistics jqwik prints: proof that each path is exercised. */
        private static String outcome(Step step, List<Object> expected) {
            String name = step.getClass().getSimpleName().toLowerCase(Locale.ROOT);
            if (expected.isEmpty()) {
                return name + " refused";
            }
            if (step instanceof Run) {
                boolean paid = expected.stream().anyMatch(PaymentIssued.class::isInstance);
                boolean deferred = expected.stream().anyMatch(PayoutDeferred.class::isInstance);
                return name
                        + (paid ? " paid" : "")
                        + (deferred ? " deferred" : "")
                        + (paid || deferred ? "" : " idle");
            }
            return name;
        }

        /** Sends the step's command and returns the treasury events the model expects from it. */
        private List<Object> apply(Step step) {
            if (step instanceof Credit credit) {
                return credit(credit.amounts());
            }
            if (step instanceof Adjust adjust) {
                String artist = ARTISTS.get(adjust.artist());
                String id = nextId();
                ledger.send(
                        new RecordAdjustment(
                                currency,
                                id,
                                artist,
                                adjust.amount(),
                                "property",
                                "event-" + id,
                                CORRECTED));
                balances.merge(artist, adjust.amount(), Long::sum);
                if (adjust.amount() > 0) {
                    grownSincePaid.add(artist);
                }
                return List.of(
                        new AdjustmentRecorded(
                                treasuryId,
                                currency,
                                id,
                                artist,
                                adjust.amount(),
                                "property",
                                "event-" + id));
            }
            if (step instanceof Run run) {
                return run(run.threshold());
            }
            int index =
                    step instanceof Settle s
                            ? s.payment()
                            : step instanceof Fail f ? f.payment() : ((Reverse) step).payment();
            return changePayment(step, index);
        }

        private List<Object> credit(List<Long> amounts) {
            String allocationId = nextId();
            long pool = amounts.stream().mapToLong(Long::longValue).sum();
            Map<String, String> shares = new TreeMap<>();
            List<AllocationLine> lines = new ArrayList<>();
            for (int i = 0; i < ARTISTS.size(); i++) {
                long amount = amounts.get(i);
                if (amount > 0) {
                    Fraction share = Fraction.of(amount, pool);
                    shares.put(ARTISTS.get(i), share.toString());
                    lines.add(new AllocationLine(ARTISTS.get(i), share, amount));
                    balances.merge(ARTISTS.get(i), amount, Long::sum);
                    grownSincePaid.add(ARTISTS.get(i));
                }
            }
            ledger.propose(allocationId, currency, pool, shares, 0, AT);
            ledger.send(new FinalizeAllocation(allocationId, AT));
            return List.of(
                    new AllocationCredited(treasuryId, currency, allocationId, PILOT, pool, lines));
        }

        private List<Object> run(Long threshold) {
            String runId = nextId();
            RunPayout command = new RunPayout(treasuryId, runId, threshold, null, null, AT);
            if (!treasuryExists()) {
                assertThatThrownBy(() -> ledger.send(command))
                        .isInstanceOf(AggregateNotFoundException.class);
                return List.of();
            }
            int stored = ledger.events(treasuryId).size();
            ledger.send(command);
            long effective = threshold == null ? DEFAULT_THRESHOLDS.get(currency) : threshold;
            List<Object> events = ledger.events(treasuryId);
            Set<String> paidInThisRun = new HashSet<>();
            events.subList(stored, events.size()).stream()
                    .filter(PaymentIssued.class::isInstance)
                    .map(PaymentIssued.class::cast)
                    .forEach(
                            issued -> {
                                assertThat(issued.amount())
                                        .as("paid below the threshold")
                                        .isGreaterThanOrEqualTo(effective);
                                assertThat(paidInThisRun.add(issued.artistId()))
                                        .as("paid twice in one run")
                                        .isTrue();
                                assertThat(grownSincePaid)
                                        .as(
                                                "%s paid %s again for the same balance",
                                                issued.artistId(), issued.amount())
                                        .contains(issued.artistId());
                            });
            List<Object> expected = new ArrayList<>();
            expected.add(
                    new PayoutRunStarted(
                            treasuryId, currency, runId, effective, "bank-transfer", AT));
            for (Map.Entry<String, Long> balance : balances.entrySet()) {
                String artist = balance.getKey();
                long amount = balance.getValue();
                if (amount >= effective) {
                    String paymentId = Treasury.paymentId(runId, artist);
                    payments.add(new Payment(paymentId, artist, amount));
                    expected.add(
                            new PaymentIssued(
                                    treasuryId,
                                    currency,
                                    runId,
                                    paymentId,
                                    artist,
                                    amount,
                                    "bank-transfer",
                                    null));
                    balance.setValue(0L);
                    grownSincePaid.remove(artist);
                } else if (amount > 0) {
                    expected.add(
                            new PayoutDeferred(
                                    treasuryId, currency, runId, artist, amount, effective));
                }
            }
            return expected;
        }

        private List<Object> changePayment(Step step, int index) {
            Payment payment = payments.isEmpty() ? null : payments.get(index % payments.size());
            String paymentId = payment == null ? nextId() : payment.id;
            Object command =
                    step instanceof Settle
                            ? new SettlePayment(treasuryId, paymentId, "ref-" + index)
                            : step instanceof Fail
                                    ? new FailPayment(treasuryId, paymentId, "bounced")
                                    : new ReversePayment(treasuryId, paymentId, "chargeback");
            if (!treasuryExists()) {
                assertThatThrownBy(() -> ledger.send(command))
                        .isInstanceOf(AggregateNotFoundException.class);
                return List.of();
            }
            State from = step instanceof Reverse ? State.SETTLED : State.ISSUED;
            if (payment == null || payment.state != from) {
                ErrorCode code =
                        payment == null ? ErrorCode.UNKNOWN_PAYMENT : ErrorCode.PAYMENT_STATE;
                assertThatThrownBy(() -> ledger.send(command))
                        .isInstanceOfSatisfying(
                                Refusal.class,
                                refusal -> assertThat(refusal.code()).isEqualTo(code));
                return List.of();
            }
            ledger.send(command);
            if (step instanceof Settle) {
                payment.state = State.SETTLED;
                return List.of(
                        new PaymentSettled(
                                treasuryId,
                                currency,
                                paymentId,
                                payment.artist,
                                payment.amount,
                                "ref-" + index));
            }
            balances.merge(payment.artist, payment.amount, Long::sum);
            grownSincePaid.add(payment.artist);
            if (step instanceof Fail) {
                payment.state = State.FAILED;
                return List.of(
                        new PaymentFailed(
                                treasuryId,
                                currency,
                                paymentId,
                                payment.artist,
                                payment.amount,
                                "bounced"));
            }
            payment.state = State.REVERSED;
            return List.of(
                    new PaymentReversed(
                            treasuryId,
                            currency,
                            paymentId,
                            payment.artist,
                            payment.amount,
                            "chargeback"));
        }

        /** §6: Σ pools finalized + Σ adjustments = Σ balances + Σ issued − Σ failed or reversed. */
        private void checkInvariant(Step step) {
            long pools = 0;
            long adjustments = 0;
            long issued = 0;
            long returned = 0;
            for (Object event : ledger.events(treasuryId)) {
                if (event instanceof AllocationCredited credited) {
                    assertThat(credited.lines().stream().mapToLong(AllocationLine::amount).sum())
                            .as("lines of %s", credited.allocationId())
                            .isEqualTo(credited.pool());
                    pools += credited.pool();
                } else if (event instanceof AdjustmentRecorded adjustment) {
                    adjustments += adjustment.amount();
                } else if (event instanceof PaymentIssued payment) {
                    issued += payment.amount();
                } else if (event instanceof PaymentFailed failed) {
                    returned += failed.amount();
                } else if (event instanceof PaymentReversed reversed) {
                    returned += reversed.amount();
                }
            }
            Map<String, Long> fromEvents = balancesFromEvents();
            assertThat(fromEvents).as("balances after %s", step).isEqualTo(balances);
            long total = fromEvents.values().stream().mapToLong(Long::longValue).sum();
            assertThat(pools + adjustments)
                    .as("money invariant after %s", step)
                    .isEqualTo(total + issued - returned);
        }

        /** Each artist's balance as any reader of the treasury's events would compute it. */
        Map<String, Long> balancesFromEvents() {
            Map<String, Long> fold = new TreeMap<>();
            ARTISTS.forEach(artist -> fold.put(artist, 0L));
            for (Object event : ledger.events(treasuryId)) {
                if (event instanceof AllocationCredited credited) {
                    credited.lines()
                            .forEach(line -> fold.merge(line.artistId(), line.amount(), Long::sum));
                } else if (event instanceof AdjustmentRecorded adjustment) {
                    fold.merge(adjustment.artistId(), adjustment.amount(), Long::sum);
                } else if (event instanceof PaymentIssued payment) {
                    fold.merge(payment.artistId(), -payment.amount(), Long::sum);
                } else if (event instanceof PaymentFailed failed) {
                    fold.merge(failed.artistId(), failed.amount(), Long::sum);
                } else if (event instanceof PaymentReversed reversed) {
                    fold.merge(reversed.artistId(), reversed.amount(), Long::sum);
                }
            }
            return fold;
        }

        private boolean treasuryExists() {
            return !ledger.events(treasuryId).isEmpty();
        }

        private String nextId() {
            return String.format("00000000-0000-0000-0001-%012x", ++counter);
        }
    }
}
