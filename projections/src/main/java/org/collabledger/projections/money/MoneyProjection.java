package org.collabledger.projections.money;

import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.treasury.TreasuryEvent.AdjustmentRecorded;
import org.collabledger.domain.treasury.TreasuryEvent.AllocationCredited;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentFailed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentIssued;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentReversed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentSettled;
import org.collabledger.domain.treasury.TreasuryEvent.PayoutDeferred;
import org.collabledger.projections.GlobalPosition;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code money_line}, one row per balance line with the event that caused it, and {@code
 * money_payment}, each payment's current state. Balances and statements are sums over lines.
 */
@ProcessingGroup(MoneyProjection.PROCESSING_GROUP)
public class MoneyProjection {

    /** The tracking processor that runs this projection. */
    public static final String PROCESSING_GROUP = "money";

    private static final String INSERT =
            "insert into money_line (position, event_id, line_no, occurred_at, "
                    + "artist_id, currency, kind, release_id, allocation_id, payment_id, share, pool, amount) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final JdbcTemplate jdbc;

    public MoneyProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One row per artist, in one batch: an allocation can credit tens of thousands of artists. */
    @EventHandler
    void on(AllocationCredited event, TrackingToken token, EventMessage<?> message) {
        List<AllocationLine> lines = event.lines();
        long position = GlobalPosition.of(token);
        long at = message.getTimestamp().toEpochMilli();
        List<Object[]> rows = new java.util.ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            AllocationLine line = lines.get(i);
            rows.add(
                    new Object[] {
                        position,
                        message.getIdentifier(),
                        i,
                        at,
                        line.artistId(),
                        event.currency(),
                        "ALLOCATION",
                        event.releaseId(),
                        event.allocationId(),
                        null,
                        line.share().toString(),
                        event.pool(),
                        line.amount()
                    });
        }
        jdbc.batchUpdate(
                INSERT,
                rows,
                new int[] {
                    java.sql.Types.BIGINT,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.INTEGER,
                    java.sql.Types.BIGINT,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.VARCHAR,
                    java.sql.Types.BIGINT,
                    java.sql.Types.BIGINT
                });
    }

    @EventHandler
    void on(AdjustmentRecorded event, TrackingToken token, EventMessage<?> message) {
        insert(
                token,
                message,
                0,
                event.artistId(),
                event.currency(),
                "ADJUSTMENT",
                null,
                null,
                null,
                null,
                null,
                event.amount());
    }

    @EventHandler
    void on(PaymentIssued event, TrackingToken token, EventMessage<?> message) {
        insert(
                token,
                message,
                0,
                event.artistId(),
                event.currency(),
                "PAYMENT",
                null,
                null,
                event.paymentId(),
                null,
                null,
                -event.amount());
        jdbc.update(
                "insert into money_payment (payment_id, currency, run_id, artist_id, amount, state) "
                        + "values (?, ?, ?, ?, ?, 'ISSUED')",
                event.paymentId(),
                event.currency(),
                event.runId(),
                event.artistId(),
                event.amount());
    }

    @EventHandler
    void on(PayoutDeferred event, TrackingToken token, EventMessage<?> message) {
        insert(
                token,
                message,
                0,
                event.artistId(),
                event.currency(),
                "DEFERRAL",
                null,
                null,
                null,
                null,
                null,
                0);
    }

    @EventHandler
    void on(PaymentSettled event) {
        state(event.paymentId(), "SETTLED");
    }

    @EventHandler
    void on(PaymentFailed event, TrackingToken token, EventMessage<?> message) {
        insert(
                token,
                message,
                0,
                event.artistId(),
                event.currency(),
                "PAYMENT_FAILED",
                null,
                null,
                event.paymentId(),
                null,
                null,
                event.amount());
        state(event.paymentId(), "FAILED");
    }

    @EventHandler
    void on(PaymentReversed event, TrackingToken token, EventMessage<?> message) {
        insert(
                token,
                message,
                0,
                event.artistId(),
                event.currency(),
                "PAYMENT_REVERSED",
                null,
                null,
                event.paymentId(),
                null,
                null,
                event.amount());
        state(event.paymentId(), "REVERSED");
    }

    /** Empties the tables before a replay from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from money_line");
        jdbc.update("delete from money_payment");
    }

    private void insert(
            TrackingToken token,
            EventMessage<?> message,
            int lineNo,
            String artistId,
            String currency,
            String kind,
            String releaseId,
            String allocationId,
            String paymentId,
            String share,
            Long pool,
            long amount) {
        jdbc.update(
                INSERT,
                GlobalPosition.of(token),
                message.getIdentifier(),
                lineNo,
                message.getTimestamp().toEpochMilli(),
                artistId,
                currency,
                kind,
                releaseId,
                allocationId,
                paymentId,
                share,
                pool,
                amount);
    }

    private void state(String paymentId, String state) {
        if (jdbc.update("update money_payment set state = ? where payment_id = ?", state, paymentId)
                != 1) {
            throw new IllegalStateException("money read model has no payment " + paymentId);
        }
    }
}
