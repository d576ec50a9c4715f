package org.collabledger.domain.treasury;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.collabledger.domain.allocation.AllocationEvent.AllocationFinalized;
import org.collabledger.domain.catalog.LedgerCatalog;
import org.collabledger.domain.shared.Currencies;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.EventType;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
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
 * Every balance and payment in one currency. One aggregate per currency makes the money rules
 * atomic: a payment never exceeds its balance, a payout run pays each balance once, the money
 * invariant of {@code attribution.md} §6 holds after every event, and no total of the currency
 * leaves {@link Money#LIMIT}.
 */
// Revision 2 added the turnover: snapshots taken before it would load with none, so they are passed
// over.
@Revision("2")
public class Treasury {

    /**
     * The events an adjustment may name as the one it corrects: those that moved a balance (a
     * finalized allocation and its credit, an adjustment, a payment and what became of it). Any
     * artist's and any currency's: paying the wrong artist, or in the wrong currency, is corrected
     * by adjustments of others naming the event that went wrong.
     */
    static final Set<String> CORRECTABLE =
            Stream.of(
                            AllocationFinalized.class,
                            AllocationCredited.class,
                            AdjustmentRecorded.class,
                            PaymentIssued.class,
                            PaymentSettled.class,
                            PaymentFailed.class,
                            PaymentReversed.class)
                    .map(type -> type.getAnnotation(EventType.class).name())
                    .collect(Collectors.toCollection(TreeSet::new));

    /** Payment states ({@code attribution.md} §6). */
    enum PaymentState {
        ISSUED,
        SETTLED,
        FAILED,
        REVERSED
    }

    private record Payment(String artistId, long amount, PaymentState state) {}

    @AggregateIdentifier private String treasuryId;
    private String currency;
    private final Map<String, Long> balances = new TreeMap<>();
    private final Map<String, Payment> payments = new HashMap<>();
    private final java.util.Set<String> runs = new java.util.HashSet<>();

    /**
     * Σ credits + Σ |adjustments| + 2 · Σ payments issued: at least the sum of the absolute values
     * of every amount this treasury holds, as each payment can come back once (failed or reversed),
     * and so at least any total of them. Kept within {@link Money#LIMIT}; a failure or a reversal,
     * which the ledger cannot refuse, was counted when its payment was issued. Exact arithmetic
     * throughout: a store written before the limit may hold any amounts, and a turnover that no
     * longer fits a long must fail loudly, not wrap.
     */
    private long turnover;

    protected Treasury() {}

    /** The id of the treasury of {@code currency}. */
    public static String idOf(String currency) {
        return "treasury-" + Money.requireCurrency(currency, "currency");
    }

    /**
     * An empty treasury, for the repository to create on a currency's first credit or adjustment.
     */
    public static Treasury empty() {
        return new Treasury();
    }

    /**
     * Credits a finalized allocation's amounts to its artists, refusing a turnover beyond the
     * limit.
     */
    public void credit(AllocationFinalized finalized) {
        requireTurnover(finalized.pool(), null, "allocation " + finalized.allocationId());
        apply(
                new AllocationCredited(
                        idOf(finalized.currency()),
                        finalized.currency(),
                        finalized.allocationId(),
                        finalized.releaseId(),
                        finalized.pool(),
                        finalized.lines()));
    }

    @CommandHandler
    public void handle(RunPayout command) {
        String runId = Text.id(command.runId(), "runId");
        Refusal.require(
                !runs.contains(runId),
                ErrorCode.INVALID_INPUT,
                "runId",
                "run id " + runId + " is already used");
        long threshold =
                command.threshold() == null
                        ? defaultThreshold(currency)
                        : Money.positive(command.threshold(), currency, "threshold").amount();
        String rail =
                command.rail() == null
                        ? "bank-transfer"
                        : Text.required(command.rail(), "rail", 40);
        String reference = Text.optional(command.reference(), "reference", 200);
        long paid =
                balances.values().stream()
                        .filter(balance -> balance >= threshold)
                        .reduce(0L, Math::addExact);
        requireTurnover(Math.multiplyExact(2, paid), null, "this payout run");
        apply(new PayoutRunStarted(treasuryId, currency, runId, threshold, rail, command.at()));
        for (Map.Entry<String, Long> balance : new TreeMap<>(balances).entrySet()) {
            if (balance.getValue() >= threshold) {
                apply(
                        new PaymentIssued(
                                treasuryId,
                                currency,
                                runId,
                                paymentId(runId, balance.getKey()),
                                balance.getKey(),
                                balance.getValue(),
                                rail,
                                reference));
            } else if (balance.getValue() > 0) {
                apply(
                        new PayoutDeferred(
                                treasuryId,
                                currency,
                                runId,
                                balance.getKey(),
                                balance.getValue(),
                                threshold));
            }
        }
    }

    @CommandHandler
    public void handle(SettlePayment command) {
        Payment payment = payment(command.paymentId(), PaymentState.ISSUED, "settled");
        apply(
                new PaymentSettled(
                        treasuryId,
                        currency,
                        command.paymentId(),
                        payment.artistId(),
                        payment.amount(),
                        Text.optional(command.externalRef(), "externalRef", 200)));
    }

    @CommandHandler
    public void handle(FailPayment command) {
        String reason = Text.required(command.reason(), "reason", 1000);
        Payment payment = payment(command.paymentId(), PaymentState.ISSUED, "failed");
        apply(
                new PaymentFailed(
                        treasuryId,
                        currency,
                        command.paymentId(),
                        payment.artistId(),
                        payment.amount(),
                        reason));
    }

    @CommandHandler
    public void handle(ReversePayment command) {
        String reason = Text.required(command.reason(), "reason", 1000);
        Payment payment = payment(command.paymentId(), PaymentState.SETTLED, "reversed");
        apply(
                new PaymentReversed(
                        treasuryId,
                        currency,
                        command.paymentId(),
                        payment.artistId(),
                        payment.amount(),
                        reason));
    }

    /**
     * Adjustments may start a treasury (correcting an event of another currency) and may take a
     * balance below zero.
     */
    public static AdjustmentRecorded adjustment(
            RecordAdjustment command, String currency, LedgerCatalog catalog) {
        String adjustmentId = Text.id(command.adjustmentId(), "adjustmentId");
        String artistId = Text.id(command.artistId(), "artistId");
        Refusal.require(
                command.amount() != 0,
                ErrorCode.INVALID_MONEY,
                "amount",
                "an adjustment is a non-zero whole number of minor units");
        Money.requireWithinLimit(command.amount(), "amount", "amount");
        String reason = Text.required(command.reason(), "reason", 1000);
        String corrected = Text.required(command.correctedEventId(), "correctedEventId", 64);
        Refusal.require(
                catalog.artistExists(artistId),
                ErrorCode.UNKNOWN_ARTIST,
                "artistId",
                "no artist " + artistId);
        Refusal.require(
                command.correctedEventType() != null,
                ErrorCode.UNKNOWN_EVENT,
                "correctedEventId",
                "the ledger holds no event " + corrected);
        Refusal.require(
                CORRECTABLE.contains(command.correctedEventType()),
                ErrorCode.INVALID_INPUT,
                "correctedEventId",
                "event "
                        + corrected
                        + " is of type "
                        + command.correctedEventType()
                        + "; an adjustment corrects an event that moved a balance, of type "
                        + CORRECTABLE);
        return new AdjustmentRecorded(
                idOf(currency),
                currency,
                adjustmentId,
                artistId,
                command.amount(),
                reason,
                corrected);
    }

    /** Records an adjustment on this treasury. */
    public void record(AdjustmentRecorded adjustment) {
        requireTurnover(
                Math.abs(adjustment.amount()), "amount", "adjustment " + adjustment.adjustmentId());
        apply(adjustment);
    }

    /** Refuses {@code added} when it would take the turnover beyond {@link Money#LIMIT}. */
    private void requireTurnover(long added, String field, String what) {
        Money.requireWithinLimit(
                Math.addExact(turnover, added),
                field,
                "the treasury's turnover (every amount it "
                        + "moved, each issued payment counted twice, as it may come back) with "
                        + what);
    }

    @EventSourcingHandler
    void on(AllocationCredited event) {
        treasuryId = event.treasuryId();
        currency = event.currency();
        event.lines().forEach(line -> balances.merge(line.artistId(), line.amount(), Long::sum));
        turnover = Math.addExact(turnover, event.pool());
    }

    @EventSourcingHandler
    void on(AdjustmentRecorded event) {
        treasuryId = event.treasuryId();
        currency = event.currency();
        balances.merge(event.artistId(), event.amount(), Long::sum);
        turnover = Math.addExact(turnover, Math.absExact(event.amount()));
    }

    @EventSourcingHandler
    void on(PayoutRunStarted event) {
        runs.add(event.runId());
    }

    @EventSourcingHandler
    void on(PaymentIssued event) {
        balances.merge(event.artistId(), -event.amount(), Long::sum);
        turnover = Math.addExact(turnover, Math.multiplyExact(2, event.amount()));
        payments.put(
                event.paymentId(),
                new Payment(event.artistId(), event.amount(), PaymentState.ISSUED));
    }

    @EventSourcingHandler
    void on(PaymentSettled event) {
        payments.computeIfPresent(
                event.paymentId(),
                (id, p) -> new Payment(p.artistId(), p.amount(), PaymentState.SETTLED));
    }

    @EventSourcingHandler
    void on(PaymentFailed event) {
        balances.merge(event.artistId(), event.amount(), Long::sum);
        payments.computeIfPresent(
                event.paymentId(),
                (id, p) -> new Payment(p.artistId(), p.amount(), PaymentState.FAILED));
    }

    @EventSourcingHandler
    void on(PaymentReversed event) {
        balances.merge(event.artistId(), event.amount(), Long::sum);
        payments.computeIfPresent(
                event.paymentId(),
                (id, p) -> new Payment(p.artistId(), p.amount(), PaymentState.REVERSED));
    }

    private Payment payment(String paymentId, PaymentState required, String becoming) {
        Payment payment = payments.get(paymentId);
        Refusal.require(
                payment != null,
                ErrorCode.UNKNOWN_PAYMENT,
                "paymentId",
                "no payment " + paymentId + " in " + currency);
        Refusal.require(
                payment.state() == required,
                ErrorCode.PAYMENT_STATE,
                null,
                "payment "
                        + paymentId
                        + " is "
                        + payment.state()
                        + "; only a "
                        + required
                        + " payment can be "
                        + becoming);
        return payment;
    }

    /**
     * 10.00 in the currency's major unit: 1000 minor units for USD or EUR, 10 for JPY, by the
     * ledger's own currency table, as every other amount (the JDK's table changes with its
     * updates).
     */
    static long defaultThreshold(String currency) {
        return java.math.BigInteger.TEN
                .pow(Currencies.minorUnits().get(currency))
                .multiply(java.math.BigInteger.TEN)
                .longValueExact();
    }

    /**
     * A payment's id follows from its run and artist, so a replayed decision names the same
     * payment.
     */
    static String paymentId(String runId, String artistId) {
        return UUID.nameUUIDFromBytes(
                        ("payment:" + runId + ":" + artistId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
