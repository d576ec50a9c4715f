package org.collabledger.api.web.money;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.collabledger.api.history.EventFeed;
import org.collabledger.api.history.EventFeed.StoredEvent;
import org.collabledger.api.security.MoneyVisibility;
import org.collabledger.projections.directory.DirectoryQueries;
import org.collabledger.projections.directory.DirectoryQueries.ArtistName;
import org.springframework.stereotype.Component;

/**
 * An allocation as it stood at a ledger position, folded straight from its own stored events: the
 * event store is the read model here, so the view can never disagree with the history.
 */
@Component
public class AllocationViews {

    private final EventFeed feed;
    private final DirectoryQueries directory;

    public AllocationViews(EventFeed feed, DirectoryQueries directory) {
        this.feed = feed;
        this.directory = directory;
    }

    /** A comment on a proposal. */
    public record Comment(
            String artistId, String claim, String text, String eventId, ArtistName artist) {}

    /** One artist's line: the exact share as {@code "n/d"} and the amount in minor units. */
    public record Line(String artistId, String share, long amount, ArtistName artist) {}

    /** The allocation with its current lines, comments and the events behind it. */
    public record AllocationView(
            String id,
            String releaseId,
            String currency,
            long pool,
            String status,
            int revision,
            String reviewEndsAt,
            long attributionPosition,
            List<Line> lines,
            List<Comment> comments,
            List<String> eventIds,
            long asOf,
            String releaseTitle) {

        /**
         * The allocation as {@code reader} sees it: whole, or with only its own artists' lines and
         * comments where one of them holds a line; nothing where none does.
         */
        public Optional<AllocationView> seenBy(MoneyVisibility.Reader reader) {
            if (reader.seesAll()) {
                return Optional.of(this);
            }
            List<Line> own = lines.stream().filter(line -> reader.sees(line.artistId())).toList();
            if (own.isEmpty()) {
                return Optional.empty();
            }
            Map<Boolean, List<Comment>> byOwn =
                    comments.stream()
                            .collect(
                                    Collectors.partitioningBy(
                                            comment -> reader.sees(comment.artistId())));
            List<String> othersComments = byOwn.get(false).stream().map(Comment::eventId).toList();
            return Optional.of(
                    new AllocationView(
                            id,
                            releaseId,
                            currency,
                            pool,
                            status,
                            revision,
                            reviewEndsAt,
                            attributionPosition,
                            own,
                            byOwn.get(true),
                            eventIds.stream()
                                    .filter(event -> !othersComments.contains(event))
                                    .toList(),
                            asOf,
                            releaseTitle));
        }
    }

    /** The release an allocation belongs to. */
    public String releaseOf(String allocationId) {
        return view(allocationId, Long.MAX_VALUE).releaseId();
    }

    /** The allocation as of {@code asOf}. */
    public AllocationView view(String allocationId, long asOf) {
        List<StoredEvent> events = feed.ofAggregate(allocationId, "Allocation", asOf);
        JsonNode proposed = events.get(0).payload();
        String status = "PROPOSED";
        int revision = 0;
        String reviewEndsAt = proposed.path("reviewEndsAt").asText();
        long attributionPosition = proposed.path("attributionPosition").asLong();
        JsonNode lines = proposed.path("lines");
        List<StoredEvent> commentsFiled = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (StoredEvent event : events) {
            ids.add(event.eventId());
            JsonNode payload = event.payload();
            switch (event.type()) {
                case "allocation.comment-filed" -> commentsFiled.add(event);
                case "allocation.revised" -> {
                    revision = payload.path("revision").asInt();
                    lines = payload.path("lines");
                    reviewEndsAt = payload.path("reviewEndsAt").asText();
                    attributionPosition = payload.path("attributionPosition").asLong();
                }
                case "allocation.finalized" -> status = "FINALIZED";
                case "allocation.proposed" -> {
                    // read above, as the first event
                }
                default ->
                        throw new IllegalStateException(
                                "allocation "
                                        + allocationId
                                        + " has an event of "
                                        + "unknown type "
                                        + event.type()
                                        + " at position "
                                        + event.position());
            }
        }
        long position = events.get(events.size() - 1).position();
        List<String> artists = new ArrayList<>();
        lines.forEach(line -> artists.add(line.path("artistId").asText()));
        commentsFiled.forEach(comment -> artists.add(comment.payload().path("artistId").asText()));
        Map<String, ArtistName> names = directory.names(artists);
        String releaseId = proposed.path("releaseId").asText();
        return new AllocationView(
                allocationId,
                releaseId,
                proposed.path("currency").asText(),
                proposed.path("pool").asLong(),
                status,
                revision,
                reviewEndsAt,
                attributionPosition,
                lines(lines, names),
                commentsFiled.stream()
                        .map(
                                comment ->
                                        new Comment(
                                                comment.payload().path("artistId").asText(),
                                                comment.payload().path("claim").asText(),
                                                comment.payload().path("text").asText(),
                                                comment.eventId(),
                                                names.get(
                                                        comment.payload()
                                                                .path("artistId")
                                                                .asText())))
                        .toList(),
                ids,
                asOf == Long.MAX_VALUE ? position : asOf,
                directory.releaseTitles(List.of(releaseId)).get(releaseId));
    }

    private static List<Line> lines(JsonNode stored, Map<String, ArtistName> names) {
        List<Line> lines = new ArrayList<>();
        stored.forEach(
                line ->
                        lines.add(
                                new Line(
                                        line.path("artistId").asText(),
                                        line.path("share").path("numerator").asText()
                                                + "/"
                                                + line.path("share").path("denominator").asText(),
                                        line.path("amount").asLong(),
                                        names.get(line.path("artistId").asText()))));
        return lines;
    }
}
