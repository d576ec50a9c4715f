package org.collabledger.projections.release;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.collabledger.domain.release.AttributionPolicy;
import org.collabledger.domain.release.Selection;
import org.collabledger.domain.shared.Fraction;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Releases as they stood at a ledger position: their policy, funding, selection and publication.
 */
public class ReleaseQueries {

    private final JdbcTemplate jdbc;

    public ReleaseQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A selection with the event that made it. */
    public record SelectedRecord(Selection selection, long selectedAt, String selectedEvent) {}

    /** A release at a position; {@code publishedAt} is null when it was not yet published then. */
    public record ReleaseState(
            String releaseId,
            String title,
            String kind,
            String fundingModel,
            String poolRate,
            Long budgetAmount,
            String budgetCurrency,
            String policy,
            String retention,
            List<String> waivedArtistIds,
            String collaborationId,
            long openedAt,
            String openedEvent,
            Long publishedAt,
            String publishedEvent,
            List<SelectedRecord> selection) {

        public boolean published() {
            return publishedAt != null;
        }

        /** The attribution policy recorded when the release was opened. */
        public AttributionPolicy attributionPolicy() {
            return new AttributionPolicy(
                    policy, Fraction.parse(retention, "retention"), waivedArtistIds);
        }
    }

    /** The release as of {@code asOf}, if it had been opened by then. */
    public Optional<ReleaseState> release(String releaseId, long asOf) {
        List<SelectedRecord> selection =
                jdbc.query(
                        "select record_id, weight, role, selected_at, selected_event "
                                + "from release_selection where release_id = ? and selected_at <= ? "
                                + "and (withdrawn_at is null or withdrawn_at > ?) order by selected_at, record_id",
                        (rs, row) ->
                                new SelectedRecord(
                                        new Selection(
                                                rs.getString(1), rs.getInt(2), rs.getString(3)),
                                        rs.getLong(4),
                                        rs.getString(5)),
                        releaseId,
                        asOf,
                        asOf);
        return jdbc
                .query(
                        "select title, kind, funding_model, pool_rate, budget_amount, budget_currency, policy_name, "
                                + "retention, waived_artist_ids, collaboration_id, opened_at, opened_event, published_at, "
                                + "published_event from release_view where release_id = ? and opened_at <= ?",
                        (rs, row) -> {
                            long published = rs.getLong(13);
                            boolean publishedThen = !rs.wasNull() && published <= asOf;
                            long budget = rs.getLong(5);
                            Long budgetAmount = rs.wasNull() ? null : budget;
                            String waived = rs.getString(9);
                            return new ReleaseState(
                                    releaseId,
                                    rs.getString(1),
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    budgetAmount,
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    waived.isEmpty() ? List.of() : Arrays.asList(waived.split(",")),
                                    rs.getString(10),
                                    rs.getLong(11),
                                    rs.getString(12),
                                    publishedThen ? published : null,
                                    publishedThen ? rs.getString(14) : null,
                                    selection);
                        },
                        releaseId,
                        asOf)
                .stream()
                .findFirst();
    }
}
