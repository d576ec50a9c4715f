package org.collabledger.api.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * An artist's public profile. Once the artist is forgotten its handle and display name read as
     * erased at every position, as they do in every other answer.
     */
    public Map<String, Object> artist(String artistId, long asOf) {
        Map<String, Object> view = new LinkedHashMap<>();
        List<EventFeed.StoredEvent> events = feed.ofAggregate(artistId, "Artist", Long.MAX_VALUE);
        boolean erased = events.stream().anyMatch(event -> event.type().equals("artist.forgotten"));
        for (EventFeed.StoredEvent event : events) {
            if (event.position() > asOf) {
                break;
            }
            JsonNode payload = event.payload();
            switch (event.type()) {
                case "artist.registered" -> {
                    view.put("id", artistId);
                    view.put("registeredAt", event.recordedAt());
                    names(view, payload, erased);
                }
                case "artist.profile-changed" -> names(view, payload, erased);
                // Personal data is not part of the public profile; it is read, decrypted, from its
                // own endpoint.
                case "artist.personal-data-changed" -> view.put("personalDataOnFile", true);
                case "artist.forgotten" -> {
                    view.put("forgotten", true);
                    view.put("personalDataOnFile", false);
                }
                default -> throw unknown(artistId, event);
            }
            view.put("version", event.sequence());
        }
        if (view.isEmpty()) {
            throw new NotFound("no artist " + artistId + " as of position " + asOf);
        }
        return view;
    }

    private static void names(Map<String, Object> view, JsonNode payload, boolean erased) {
        view.put("handle", erased ? null : payload.path("handle").asText());
        view.put("displayName", erased ? null : payload.path("displayName").asText());
        view.put("nameStatus", erased ? "ERASED" : "ACTIVE");
    }

    /** A collaboration with its prompt, whether it is closed, and its submissions in order. */
    public Map<String, Object> collaboration(String collaborationId, long asOf) {
        Map<String, Object> view = new LinkedHashMap<>();
        List<Map<String, String>> submissions = new ArrayList<>();
        for (EventFeed.StoredEvent event :
                feed.ofAggregate(collaborationId, "Collaboration", asOf)) {
            JsonNode payload = event.payload();
            switch (event.type()) {
                case "collaboration.opened" -> {
                    view.put("id", collaborationId);
                    view.put("title", payload.path("title").asText());
                    view.put("theme", payload.path("theme").asText());
                    view.put("prompt", payload.path("prompt").asText());
                    view.put("closed", false);
                }
                case "collaboration.closed" -> view.put("closed", true);
                case "collaboration.record-submitted" ->
                        submissions.add(
                                Map.of(
                                        "recordId",
                                        payload.path("recordId").asText(),
                                        "creatorId",
                                        payload.path("creatorId").asText(),
                                        "eventId",
                                        event.eventId()));
                default -> throw unknown(collaborationId, event);
            }
        }
        view.put("submissions", submissions);
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
