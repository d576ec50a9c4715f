package org.collabledger.api.history;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.collabledger.api.security.MoneyVisibility;
import org.collabledger.api.storage.EventTypeRegistry;
import org.collabledger.api.web.NotFound;
import org.collabledger.api.web.ReadsFrom;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The event history: the global feed from a position, and the events of one aggregate; an artist
 * reads only the events whose money is its own ({@link MoneyVisibility}).
 */
@ReadsFrom({})
@RestController
@Tag(name = "history", description = "The stored events, globally and per aggregate")
@RequestMapping("/api")
public class HistoryController {

    /** Path segment of each aggregate kind, and the aggregate type stored with its events. */
    private static final Map<String, String> KINDS =
            Map.of(
                    "artists",
                    "Artist",
                    "records",
                    "Record",
                    "collaborations",
                    "Collaboration",
                    "releases",
                    "Release",
                    "allocations",
                    "Allocation",
                    "treasuries",
                    "Treasury");

    private final EventFeed feed;
    private final EventTypeRegistry registry;
    private final MoneyVisibility money;

    public HistoryController(EventFeed feed, EventTypeRegistry registry, MoneyVisibility money) {
        this.feed = feed;
        this.registry = registry;
        this.money = money;
    }

    @GetMapping("/events")
    @Operation(summary = "Page through the global event feed")
    public EventFeed.Page events(
            @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit,
            @RequestParam(required = false) String type,
            @RequestParam(required = false) String actor) {
        Refusal.require(after >= 0, ErrorCode.INVALID_INPUT, "after", "after must not be negative");
        Refusal.require(
                limit >= 1 && limit <= 1000,
                ErrorCode.INVALID_INPUT,
                "limit",
                "limit must lie in [1, 1000]");
        Refusal.require(
                type == null || registry.classOf(type).isPresent(),
                ErrorCode.INVALID_INPUT,
                "type",
                "type must be a stored event type such as record.remixed");
        EventFeed.Page page =
                feed.after(
                        after,
                        limit,
                        type,
                        actor == null ? null : Text.required(actor, "actor", 128));
        // Left-out events leave the page short; next still moves past them, so paging on misses
        // nothing.
        return new EventFeed.Page(money.reader().visible(page.events()), page.next());
    }

    @GetMapping("/{kind}/{id}/events")
    @Operation(summary = "List the events of one aggregate")
    public List<EventFeed.StoredEvent> aggregateEvents(
            @PathVariable String kind, @PathVariable String id) {
        String type = KINDS.get(kind);
        if (type == null) {
            throw new NotFound("no aggregate kind '" + kind + "'; use one of " + KINDS.keySet());
        }
        if ("Treasury".equals(type)) {
            Refusal.require(
                    id.matches("treasury-[A-Z]{3}"),
                    ErrorCode.INVALID_INPUT,
                    "id",
                    "a treasury id is treasury-<currency>, e.g. treasury-USD");
        } else {
            Text.id(id, "id");
        }
        return money.reader().visible(feed.ofAggregate(id, type, Long.MAX_VALUE));
    }
}
