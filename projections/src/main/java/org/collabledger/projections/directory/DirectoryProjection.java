package org.collabledger.projections.directory;

import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.collabledger.domain.allocation.AllocationEvent.AllocationFinalized;
import org.collabledger.domain.allocation.AllocationEvent.AllocationProposed;
import org.collabledger.domain.allocation.AllocationEvent.AllocationRevised;
import org.collabledger.domain.allocation.AllocationLine;
import org.collabledger.domain.artist.ArtistEvent.ArtistForgotten;
import org.collabledger.domain.artist.ArtistEvent.ArtistProfileChanged;
import org.collabledger.domain.artist.ArtistEvent.ArtistRegistered;
import org.collabledger.domain.collaboration.CollaborationEvent.CollaborationClosed;
import org.collabledger.domain.collaboration.CollaborationEvent.CollaborationOpened;
import org.collabledger.domain.collaboration.CollaborationEvent.RecordSubmitted;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentFailed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentIssued;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentReversed;
import org.collabledger.domain.treasury.TreasuryEvent.PaymentSettled;
import org.collabledger.domain.treasury.TreasuryEvent.PayoutDeferred;
import org.collabledger.domain.treasury.TreasuryEvent.PayoutRunStarted;
import org.collabledger.projections.GlobalPosition;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps the {@code directory_*} tables: artists with their current public names, collaborations
 * with their submissions, allocations with their state and the artists of their current split,
 * payout runs with their payments and deferrals. Each row keeps the position of the event that
 * created it, the order lists page in. Each row changes only through events of its own aggregate,
 * so the stream may be split into segments. Forgetting an artist erases its handle and display name
 * here for good: a profile change recorded after it does not bring them back.
 */
@ProcessingGroup(DirectoryProjection.PROCESSING_GROUP)
public class DirectoryProjection {

    /** The tracking processor that runs this projection. */
    public static final String PROCESSING_GROUP = "directory";

    private final JdbcTemplate jdbc;

    public DirectoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ArtistRegistered event, TrackingToken token) {
        jdbc.update(
                "insert into directory_artist (artist_id, position, handle, display_name, erased) "
                        + "values (?, ?, ?, ?, false)",
                event.artistId(),
                GlobalPosition.of(token),
                event.handle(),
                event.displayName());
    }

    @EventHandler
    void on(ArtistProfileChanged event) {
        requireOne(
                jdbc.update(
                                "update directory_artist set handle = ?, display_name = ? "
                                        + "where artist_id = ? and not erased",
                                event.handle(),
                                event.displayName(),
                                event.artistId())
                        + erased(event.artistId()),
                "artist " + event.artistId());
    }

    @EventHandler
    void on(ArtistForgotten event) {
        requireOne(
                jdbc.update(
                        "update directory_artist set handle = null, display_name = null, erased = true "
                                + "where artist_id = ?",
                        event.artistId()),
                "artist " + event.artistId());
    }

    @EventHandler
    void on(CollaborationOpened event, TrackingToken token) {
        jdbc.update(
                "insert into directory_collaboration (collaboration_id, position, title, theme, closed) "
                        + "values (?, ?, ?, ?, false)",
                event.collaborationId(),
                GlobalPosition.of(token),
                event.title(),
                event.theme());
    }

    @EventHandler
    void on(CollaborationClosed event) {
        requireOne(
                jdbc.update(
                        "update directory_collaboration set closed = true where collaboration_id = ?",
                        event.collaborationId()),
                "collaboration " + event.collaborationId());
    }

    @EventHandler
    void on(RecordSubmitted event, TrackingToken token) {
        jdbc.update(
                "insert into directory_submission (collaboration_id, record_id, position) values (?, ?, ?)",
                event.collaborationId(),
                event.recordId(),
                GlobalPosition.of(token));
    }

    @EventHandler
    void on(AllocationProposed event, TrackingToken token) {
        jdbc.update(
                "insert into directory_allocation (allocation_id, position, release_id, currency, pool, "
                        + "state, revision) values (?, ?, ?, ?, ?, 'PROPOSED', 0)",
                event.allocationId(),
                GlobalPosition.of(token),
                event.releaseId(),
                event.currency(),
                event.pool());
        artists(event.allocationId(), event.lines());
    }

    @EventHandler
    void on(AllocationRevised event) {
        requireOne(
                jdbc.update(
                        "update directory_allocation set revision = ? where allocation_id = ?",
                        event.revision(),
                        event.allocationId()),
                "allocation " + event.allocationId());
        jdbc.update(
                "delete from directory_allocation_artist where allocation_id = ?",
                event.allocationId());
        artists(event.allocationId(), event.lines());
    }

    @EventHandler
    void on(AllocationFinalized event) {
        requireOne(
                jdbc.update(
                        "update directory_allocation set state = 'FINALIZED' where allocation_id = ?",
                        event.allocationId()),
                "allocation " + event.allocationId());
    }

    @EventHandler
    void on(PayoutRunStarted event, TrackingToken token) {
        jdbc.update(
                "insert into directory_payout_run (run_id, position, currency, threshold, rail, started_at) "
                        + "values (?, ?, ?, ?, ?, ?)",
                event.runId(),
                GlobalPosition.of(token),
                event.currency(),
                event.threshold(),
                event.rail(),
                event.at().toString());
    }

    @EventHandler
    void on(PaymentIssued event, TrackingToken token) {
        jdbc.update(
                "insert into directory_payment (payment_id, position, run_id, artist_id, currency, amount, "
                        + "state) values (?, ?, ?, ?, ?, ?, 'ISSUED')",
                event.paymentId(),
                GlobalPosition.of(token),
                event.runId(),
                event.artistId(),
                event.currency(),
                event.amount());
    }

    @EventHandler
    void on(PayoutDeferred event, TrackingToken token) {
        jdbc.update(
                "insert into directory_deferral (run_id, artist_id, position, balance) values (?, ?, ?, ?)",
                event.runId(),
                event.artistId(),
                GlobalPosition.of(token),
                event.balance());
    }

    @EventHandler
    void on(PaymentSettled event) {
        paymentState(event.paymentId(), "SETTLED");
    }

    @EventHandler
    void on(PaymentFailed event) {
        paymentState(event.paymentId(), "FAILED");
    }

    @EventHandler
    void on(PaymentReversed event) {
        paymentState(event.paymentId(), "REVERSED");
    }

    /** Every table this read model writes, and nothing else writes. */
    public static final List<String> TABLES =
            List.of(
                    "directory_artist",
                    "directory_collaboration",
                    "directory_submission",
                    "directory_allocation",
                    "directory_allocation_artist",
                    "directory_payout_run",
                    "directory_payment",
                    "directory_deferral");

    /** Empties the tables before a replay from the first event. */
    @ResetHandler
    public void reset() {
        for (String table : TABLES) {
            jdbc.update("delete from " + table);
        }
    }

    private void artists(String allocationId, List<AllocationLine> lines) {
        jdbc.batchUpdate(
                "insert into directory_allocation_artist (allocation_id, artist_id) values (?, ?)",
                lines.stream()
                        .map(AllocationLine::artistId)
                        .distinct()
                        .map(artist -> new Object[] {allocationId, artist})
                        .toList());
    }

    /** 1 when the artist is erased, so a profile change after forgetting counts as applied. */
    private int erased(String artistId) {
        return jdbc.queryForObject(
                "select count(*) from directory_artist where artist_id = ? and erased",
                Integer.class,
                artistId);
    }

    private void paymentState(String paymentId, String state) {
        requireOne(
                jdbc.update(
                        "update directory_payment set state = ? where payment_id = ?",
                        state,
                        paymentId),
                "payment " + paymentId);
    }

    private static void requireOne(int rows, String what) {
        if (rows != 1) {
            throw new IllegalStateException(
                    "directory has no " + what + " that the event refers to");
        }
    }
}
