package org.collabledger.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;
import org.collabledger.api.web.NotFound;
import org.springframework.stereotype.Component;

/**
 * Artists and collaborations as they stood at a ledger position, folded straight from their own
 * stored events: small streams that need no read model, and so can never disagree with the history.
 */
@Component
public class FoldedViews {

    private final EventFeed feed;

    public FoldedViews(EventFeed feed) {
        this.feed = feed;
    }

    /**
     * An artist's public profile; {@code version} is the sequence of its newest event, its {@code
     * ETag}. Once the artist is forgotten its handle and display name read as erased ({@code
     * nameStatus} ERASED) at every position, as they do in every other answer.
     */
    public record ArtistProfile(
            String id,
            String registeredAt,
            String handle,
            String displayName,
            @Schema(allowableValues = {"ACTIVE", "ERASED"}) String nameStatus,
            boolean personalDataOnFile,
            boolean forgotten,
            long version) {}

    /** A collaboration with its prompt, whether it is closed, and its submissions in order. */
    public record CollaborationView(
            String id,
            String title,
            String theme,
            String prompt,
            boolean closed,
            List<Submitted> submissions) {}

    /** A record submitted to a collaboration, and the event that says so. */
    public record Submitted(String recordId, String creatorId, String eventId) {}

    /** An artist's public profile as it stood at {@code asOf}. */
    public ArtistProfile artist(String artistId, long asOf) {
        List<EventFeed.StoredEvent> events = feed.ofAggregate(artistId, "Artist", Long.MAX_VALUE);
        boolean erased = events.stream().anyMatch(event -> event.type().equals("artist.forgotten"));
        String registeredAt = null;
        String handle = null;
        String displayName = null;
        boolean personalDataOnFile = false;
        boolean forgotten = false;
        long version = -1;
        for (EventFeed.StoredEvent event : events) {
            if (event.position() > asOf) {
                break;
            }
            JsonNode payload = event.payload();
            switch (event.type()) {
                case "artist.registered", "artist.profile-changed" -> {
                    if (registeredAt == null) {
                        registeredAt = event.recordedAt();
                    }
                    handle = erased ? null : payload.path("handle").asText();
                    displayName = erased ? null : payload.path("displayName").asText();
                }
                // Personal data is not part of the public profile; it is read, decrypted, from
                // its own endpoint.
                case "artist.personal-data-changed" -> personalDataOnFile = true;
                case "artist.forgotten" -> {
                    personalDataOnFile = false;
                    forgotten = true;
                }
                default -> throw unknown(artistId, event);
            }
            version = event.sequence();
        }
        if (registeredAt == null) {
            throw new NotFound("no artist " + artistId + " as of position " + asOf);
        }
        return new ArtistProfile(
                artistId,
                registeredAt,
                handle,
                displayName,
                erased ? "ERASED" : "ACTIVE",
                personalDataOnFile,
                forgotten,
                version);
    }

    /** A collaboration as it stood at {@code asOf}. */
    public CollaborationView collaboration(String collaborationId, long asOf) {
        CollaborationView view = null;
        List<Submitted> submissions = new ArrayList<>();
        for (EventFeed.StoredEvent event :
                feed.ofAggregate(collaborationId, "Collaboration", asOf)) {
            JsonNode payload = event.payload();
            switch (event.type()) {
                case "collaboration.opened" ->
                        view =
                                new CollaborationView(
                                        collaborationId,
                                        payload.path("title").asText(),
                                        payload.path("theme").asText(),
                                        payload.path("prompt").asText(),
                                        false,
                                        submissions);
                case "collaboration.closed" ->
                        view =
                                new CollaborationView(
                                        collaborationId,
                                        view.title(),
                                        view.theme(),
                                        view.prompt(),
                                        true,
                                        submissions);
                case "collaboration.record-submitted" ->
                        submissions.add(
                                new Submitted(
                                        payload.path("recordId").asText(),
                                        payload.path("creatorId").asText(),
                                        event.eventId()));
                default -> throw unknown(collaborationId, event);
            }
        }
        return view;
    }

    private static IllegalStateException unknown(String id, EventFeed.StoredEvent event) {
        return new IllegalStateException(
                id
                        + " has an event of unknown type "
                        + event.type()
                        + " at position "
                        + event.position());
    }
}
