package org.collabledger.projections.release;

import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.collabledger.domain.release.Funding;
import org.collabledger.domain.release.ReleaseEvent.ContributionSelected;
import org.collabledger.domain.release.ReleaseEvent.ReleaseOpened;
import org.collabledger.domain.release.ReleaseEvent.ReleasePublished;
import org.collabledger.domain.release.ReleaseEvent.SelectionWithdrawn;
import org.collabledger.projections.GlobalPosition;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps {@code release_view} and {@code release_selection}: every release with its funding, policy
 * and publication, and every selection with the positions (and event ids) at which it began and
 * ended.
 */
@ProcessingGroup(ReleaseProjection.PROCESSING_GROUP)
public class ReleaseProjection {

    /** The tracking processor that runs this projection. */
    public static final String PROCESSING_GROUP = "releases";

    private final JdbcTemplate jdbc;

    public ReleaseProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ReleaseOpened event, TrackingToken token, EventMessage<?> message) {
        Funding funding = event.funding();
        jdbc.update(
                "insert into release_view (release_id, title, kind, funding_model, pool_rate, budget_amount, "
                        + "budget_currency, policy_name, retention, waived_artist_ids, collaboration_id, opened_at, "
                        + "opened_event) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                event.releaseId(),
                event.title(),
                event.kind().name(),
                funding.model().name(),
                funding.poolRate() == null ? null : funding.poolRate().toString(),
                funding.budget() == null ? null : funding.budget().amount(),
                funding.budget() == null ? null : funding.budget().currency(),
                event.policy().name(),
                event.policy().retention().toString(),
                event.policy().waivedArtistIds().stream().collect(Collectors.joining(",")),
                event.collaborationId(),
                GlobalPosition.of(token),
                message.getIdentifier());
    }

    @EventHandler
    void on(ContributionSelected event, TrackingToken token, EventMessage<?> message) {
        jdbc.update(
                "insert into release_selection (release_id, record_id, weight, role, selected_at, selected_event) "
                        + "values (?, ?, ?, ?, ?, ?)",
                event.releaseId(),
                event.recordId(),
                event.weight(),
                event.role(),
                GlobalPosition.of(token),
                message.getIdentifier());
    }

    @EventHandler
    void on(SelectionWithdrawn event, TrackingToken token, EventMessage<?> message) {
        requireOne(
                jdbc.update(
                        "update release_selection set withdrawn_at = ?, withdrawn_event = ? "
                                + "where release_id = ? and record_id = ? and withdrawn_at is null",
                        GlobalPosition.of(token),
                        message.getIdentifier(),
                        event.releaseId(),
                        event.recordId()),
                "selection of " + event.recordId());
    }

    @EventHandler
    void on(ReleasePublished event, TrackingToken token, EventMessage<?> message) {
        requireOne(
                jdbc.update(
                        "update release_view set published_at = ?, published_event = ? where release_id = ? "
                                + "and published_at is null",
                        GlobalPosition.of(token),
                        message.getIdentifier(),
                        event.releaseId()),
                "release " + event.releaseId());
    }

    /** Empties the tables before a replay from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from release_selection");
        jdbc.update("delete from release_view");
    }

    private static void requireOne(int rows, String what) {
        if (rows != 1) {
            throw new IllegalStateException(
                    "release read model has no open " + what + " that the event refers to");
        }
    }
}
