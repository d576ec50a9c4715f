package org.collabledger.projections.money;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.collabledger.domain.allocation.AllocationEvent.AllocationFinalized;
import org.collabledger.domain.allocation.AllocationEvent.AllocationProposed;
import org.collabledger.domain.allocation.AllocationEvent.AllocationRevised;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.treasury.TreasuryEvent.AdjustmentRecorded;
import org.collabledger.domain.treasury.TreasuryEvent.AllocationCredited;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentFailed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentIssued;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentReversed;

/**
 * The money checks of {@code attribution.md} §5–6, from two sources kept apart on purpose: the
 * stored events (the finalized pools, and what the treasury events say was credited, adjusted, paid
 * and returned) and the money read model (the balances), so a read model that lost, doubled or
 * altered a line, or a treasury that credited other than what was finalized, fails the check. Every
 * proposed, revised and finalized allocation must also sum to its pool. Sums are exact at any size:
 * the ledger keeps its totals within {@code Money.LIMIT}, but a check reads whatever the store
 * holds, written before that rule too.
 */
public final class MoneyChecks {

    /**
     * The stored events a check reads: every event of one kind up to a position, in global order.
     */
    public interface StoredEvents {
        /**
         * The events of {@code type} stored up to {@code asOf}, each with its event and aggregate
         * ids.
         */
        <E> List<Stored<E>> ofType(Class<E> type, long asOf);
    }

    /** One stored event, read back as its record. */
    public record Stored<E>(String eventId, String aggregateId, E event) {}

    /** The checks of one currency and whether they hold. */
    public record CurrencyCheck(
            String currency,
            BigInteger finalizedPools,
            BigInteger credited,
            BigInteger adjustments,
            BigInteger balances,
            BigInteger paymentsIssued,
            BigInteger paymentsFailedOrReversed,
            BigInteger lowestBalance,
            boolean invariantHolds) {}

    /**
     * Every currency's checks as of a position, whether all hold, and the events of allocations off
     * their pool.
     */
    public record Result(
            long asOf,
            boolean ok,
            List<CurrencyCheck> currencies,
            List<String> allocationsNotSummingToTheirPool) {}

    private final StoredEvents events;
    private final MoneyQueries money;

    public MoneyChecks(StoredEvents events, MoneyQueries money) {
        this.events = events;
        this.money = money;
    }

    /** The checks as of position {@code asOf}. */
    public Result check(long asOf) {
        Map<String, Sums> fromEvents = new TreeMap<>();
        List<String> unbalanced = new ArrayList<>();
        Map<String, Long> pools = new LinkedHashMap<>();
        for (Stored<AllocationProposed> proposed : events.ofType(AllocationProposed.class, asOf)) {
            pools.put(proposed.aggregateId(), proposed.event().pool());
            requireSum(
                    proposed.event().lines(),
                    proposed.event().pool(),
                    proposed.eventId(),
                    unbalanced);
        }
        for (Stored<AllocationRevised> revised : events.ofType(AllocationRevised.class, asOf)) {
            requireSum(
                    revised.event().lines(),
                    pools.get(revised.aggregateId()),
                    revised.eventId(),
                    unbalanced);
        }
        for (Stored<AllocationFinalized> finalized :
                events.ofType(AllocationFinalized.class, asOf)) {
            requireSum(
                    finalized.event().lines(),
                    finalized.event().pool(),
                    finalized.eventId(),
                    unbalanced);
            sums(fromEvents, finalized.event().currency())
                    .finalizedPools
                    .add(finalized.event().pool());
        }
        for (Stored<AllocationCredited> credited : events.ofType(AllocationCredited.class, asOf)) {
            sums(fromEvents, credited.event().currency())
                    .credited
                    .add(total(credited.event().lines()));
        }
        for (Stored<AdjustmentRecorded> adjusted : events.ofType(AdjustmentRecorded.class, asOf)) {
            sums(fromEvents, adjusted.event().currency())
                    .adjustments
                    .add(adjusted.event().amount());
        }
        for (Stored<PaymentIssued> issued : events.ofType(PaymentIssued.class, asOf)) {
            sums(fromEvents, issued.event().currency()).issued.add(issued.event().amount());
        }
        for (Stored<PaymentFailed> failed : events.ofType(PaymentFailed.class, asOf)) {
            sums(fromEvents, failed.event().currency()).returned.add(failed.event().amount());
        }
        for (Stored<PaymentReversed> reversed : events.ofType(PaymentReversed.class, asOf)) {
            sums(fromEvents, reversed.event().currency()).returned.add(reversed.event().amount());
        }

        Map<String, Map<String, BigInteger>> lines = money.sumsByKind(asOf);
        Map<String, BigInteger> lowest = money.lowestBalances(asOf);
        Set<String> codes = new TreeSet<>(fromEvents.keySet());
        codes.addAll(lines.keySet());
        boolean allHold = unbalanced.isEmpty();
        List<CurrencyCheck> currencies = new ArrayList<>();
        for (String code : codes) {
            Sums sums = fromEvents.getOrDefault(code, new Sums());
            BigInteger balances =
                    lines.getOrDefault(code, Map.of()).values().stream()
                            .reduce(BigInteger.ZERO, BigInteger::add);
            BigInteger lowestBalance = lowest.getOrDefault(code, BigInteger.ZERO);
            // §6: what was finalized and adjusted is what the balances hold plus what was paid and
            // not returned.
            boolean invariant =
                    sums.finalizedPools
                            .value
                            .add(sums.adjustments.value)
                            .equals(balances.add(sums.issued.value).subtract(sums.returned.value));
            boolean noNegativeWithoutAdjustment =
                    lowestBalance.signum() >= 0 || sums.adjustments.value.signum() < 0;
            boolean holds =
                    sums.finalizedPools.value.equals(sums.credited.value)
                            && invariant
                            && noNegativeWithoutAdjustment;
            allHold &= holds;
            currencies.add(
                    new CurrencyCheck(
                            code,
                            sums.finalizedPools.value,
                            sums.credited.value,
                            sums.adjustments.value,
                            balances,
                            sums.issued.value,
                            sums.returned.value,
                            lowestBalance,
                            holds));
        }
        return new Result(asOf, allHold, currencies, unbalanced);
    }

    private static void requireSum(
            List<AllocationLine> lines, Long pool, String eventId, List<String> unbalanced) {
        if (pool == null || !total(lines).equals(BigInteger.valueOf(pool))) {
            unbalanced.add(eventId);
        }
    }

    private static BigInteger total(List<AllocationLine> lines) {
        BigInteger total = BigInteger.ZERO;
        for (AllocationLine line : lines) {
            total = total.add(BigInteger.valueOf(line.amount()));
        }
        return total;
    }

    private static Sums sums(Map<String, Sums> byCurrency, String currency) {
        return byCurrency.computeIfAbsent(currency, c -> new Sums());
    }

    /** The sums of one currency's stored money events. */
    private static final class Sums {
        final Total finalizedPools = new Total();
        final Total credited = new Total();
        final Total adjustments = new Total();
        final Total issued = new Total();
        final Total returned = new Total();
    }

    /** An exact running total. */
    private static final class Total {
        BigInteger value = BigInteger.ZERO;

        void add(long amount) {
            value = value.add(BigInteger.valueOf(amount));
        }

        void add(BigInteger amount) {
            value = value.add(amount);
        }
    }
}
