package org.collabledger.api.web.directory;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.security.MoneyVisibility;
import org.collabledger.domain.record.MediaType;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Money;
import org.collabledger.domain.shared.Refusal;
import org.collabledger.domain.shared.Text;
import org.collabledger.projections.directory.DirectoryQueries;
import org.collabledger.projections.directory.DirectoryQueries.AllocationEntry;
import org.collabledger.projections.directory.DirectoryQueries.ArtistEntry;
import org.collabledger.projections.directory.DirectoryQueries.CollaborationEntry;
import org.collabledger.projections.directory.DirectoryQueries.PaymentEntry;
import org.collabledger.projections.directory.DirectoryQueries.PayoutRunEntry;
import org.collabledger.projections.directory.DirectoryQueries.RecordEntry;
import org.collabledger.projections.directory.DirectoryQueries.ReleaseEntry;
import org.collabledger.projections.directory.DirectoryQueries.Slice;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Finding things: paged lists and searches of artists, records, collaborations, releases,
 * allocations, payout runs and payments.
 *
 * <p>Every list pages the same way, by keyset on the position of the event that created each item
 * (oldest first): {@code limit} items ({@value #DEFAULT_LIMIT} unless asked, at most {@value
 * #MAX_LIMIT}), then {@code nextCursor} and the {@code next} link, the same list from after the
 * last item, absent on the last page. Offsets would skip or repeat items as the ledger grows
 * between two pages and cost more the deeper a page lies; a keyset on a position never does either,
 * since new items only ever come after every item already listed. A page states the position it
 * reflects ({@code asOf}, and the {@code Ledger-Position} header): it lists everything created up
 * to it, in its current state. Money lists hold an artist to the money of its own artists ({@link
 * MoneyVisibility}).
 */
@RestController
@Tag(
        name = "directory",
        description = "Lists and searches: artists, records, collaborations, releases and money")
public class DirectoryController {

    /** Items on a page unless the caller asks for another number. */
    static final int DEFAULT_LIMIT = 50;

    /** The most items one page holds. */
    static final int MAX_LIMIT = 500;

    private static final int MAX_TEXT = 100;

    /** One page of a list, the same shape for every list. */
    public record Page<T>(List<T> items, String nextCursor, String next, long asOf) {}

    /** Whether a collaboration still takes submissions. */
    public enum CollaborationStatus {
        OPEN,
        CLOSED
    }

    /** Whether a release was published. */
    public enum PublicationState {
        OPEN,
        PUBLISHED
    }

    /** Where an allocation stands. */
    public enum AllocationStatus {
        PROPOSED,
        FINALIZED
    }

    /** Where a payment stands. */
    public enum PaymentState {
        ISSUED,
        SETTLED,
        FAILED,
        REVERSED
    }

    private final DirectoryQueries directory;
    private final Projections projections;
    private final MoneyVisibility visibility;

    public DirectoryController(
            DirectoryQueries directory, Projections projections, MoneyVisibility visibility) {
        this.directory = directory;
        this.projections = projections;
        this.visibility = visibility;
    }

    /** Artists by exact handle and by text in their handle or display name (ignoring case). */
    @GetMapping("/api/artists")
    @Operation(summary = "List or search artists by handle or name")
    public Page<ArtistEntry> artists(
            @RequestParam(required = false) String handle,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String exact = text(handle, "handle", 32);
        String text = text(q, "q", MAX_TEXT);
        return page(
                "/api/artists",
                limit,
                cursor,
                page ->
                        directory.artists(
                                exact == null ? null : exact.toLowerCase(Locale.ROOT), text, page),
                "handle",
                exact,
                "q",
                text);
    }

    /** Records by creator, collaboration, media type and text in their title (ignoring case). */
    @GetMapping("/api/records")
    @Operation(summary = "List records by creator, collaboration, media type or title")
    public Page<RecordEntry> records(
            @RequestParam(required = false) String creatorId,
            @RequestParam(required = false) String collaborationId,
            @RequestParam(required = false) MediaType mediaType,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String creator = id(creatorId, "creatorId");
        String collaboration = id(collaborationId, "collaborationId");
        String text = text(title, "title", MAX_TEXT);
        return page(
                "/api/records",
                limit,
                cursor,
                page -> directory.records(creator, collaboration, mediaType, text, page),
                "creatorId",
                creator,
                "collaborationId",
                collaboration,
                "mediaType",
                mediaType,
                "title",
                text);
    }

    /** Collaborations, open or closed. */
    @GetMapping("/api/collaborations")
    @Operation(summary = "List collaborations, by state")
    public Page<CollaborationEntry> collaborations(
            @RequestParam(required = false) CollaborationStatus state,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return page(
                "/api/collaborations",
                limit,
                cursor,
                page ->
                        directory.collaborations(
                                state == null ? null : state == CollaborationStatus.CLOSED, page),
                "state",
                state);
    }

    /** Releases, open or published. */
    @GetMapping("/api/releases")
    @Operation(summary = "List releases, by state")
    public Page<ReleaseEntry> releases(
            @RequestParam(required = false) PublicationState state,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return page(
                "/api/releases",
                limit,
                cursor,
                page ->
                        directory.releases(
                                state == null ? null : state == PublicationState.PUBLISHED, page),
                "state",
                state);
    }

    /**
     * Allocations by release and state, without their lines; an artist lists only those in which
     * one of its artists holds a line.
     */
    @GetMapping("/api/allocations")
    @Operation(summary = "List allocations by release and state")
    public Page<AllocationEntry> allocations(
            @RequestParam(required = false) String releaseId,
            @RequestParam(required = false) AllocationStatus state,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String release = id(releaseId, "releaseId");
        MoneyVisibility.Reader reader = visibility.reader();
        return page(
                "/api/allocations",
                limit,
                cursor,
                page ->
                        directory.allocations(
                                release,
                                state == null ? null : state.name(),
                                reader.seesAll() ? null : reader.artists(),
                                page),
                "releaseId",
                release,
                "state",
                state);
    }

    /**
     * Payout runs, of one currency when asked; their totals only for those who see all money (an
     * artist reads its own payments and deferrals in the run itself).
     */
    @GetMapping("/api/payout-runs")
    @Operation(summary = "List payout runs, by currency")
    public Page<PayoutRunEntry> payoutRuns(
            @RequestParam(required = false) String currency,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String code = currency == null ? null : Money.requireCurrency(currency, "currency");
        MoneyVisibility.Reader reader = visibility.reader();
        Page<PayoutRunEntry> runs =
                page(
                        "/api/payout-runs",
                        limit,
                        cursor,
                        page -> directory.payoutRuns(code, page),
                        "currency",
                        code);
        return reader.seesAll()
                ? runs
                : new Page<>(
                        runs.items().stream()
                                .map(
                                        run ->
                                                new PayoutRunEntry(
                                                        run.id(),
                                                        run.currency(),
                                                        run.threshold(),
                                                        run.rail(),
                                                        run.startedAt(),
                                                        null,
                                                        run.position()))
                                .toList(),
                        runs.nextCursor(),
                        runs.next(),
                        runs.asOf());
    }

    /** Payments by run, artist and state; an artist lists only its own artists' payments. */
    @GetMapping("/api/payments")
    @Operation(summary = "List payments by run, artist and state")
    public Page<PaymentEntry> payments(
            @RequestParam(required = false) String runId,
            @RequestParam(required = false) String artistId,
            @RequestParam(required = false) PaymentState state,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String run = id(runId, "runId");
        String artist = id(artistId, "artistId");
        MoneyVisibility.Reader reader = visibility.reader();
        return page(
                "/api/payments",
                limit,
                cursor,
                page ->
                        directory.payments(
                                run,
                                artist,
                                state == null ? null : state.name(),
                                reader.seesAll() ? null : reader.artists(),
                                page),
                "runId",
                run,
                "artistId",
                artist,
                "state",
                state);
    }

    /**
     * Reads one page of a list as of the position every read model has reached, and links the next
     * with the same filters ({@code filters} alternates names and values, null when not given).
     */
    private <T> Page<T> page(
            String path,
            Integer limit,
            String cursor,
            Function<DirectoryQueries.Page, Slice<T>> query,
            Object... filters) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        Refusal.require(
                size >= 1 && size <= MAX_LIMIT,
                ErrorCode.INVALID_INPUT,
                "limit",
                "limit must lie in [1, " + MAX_LIMIT + "]");
        Refusal.require(
                cursor == null || cursor.matches("[0-9]{1,18}"),
                ErrorCode.INVALID_INPUT,
                "cursor",
                "cursor must be the nextCursor of the page before, as it was given");
        long asOf = projections.reached();
        Slice<T> slice =
                query.apply(
                        new DirectoryQueries.Page(
                                cursor == null ? 0 : Long.parseLong(cursor), asOf, size));
        if (slice.next() == null) {
            return new Page<>(slice.items(), null, null, asOf);
        }
        StringBuilder next = new StringBuilder(path).append('?');
        for (int i = 0; i < filters.length; i += 2) {
            if (filters[i + 1] != null) {
                next.append(filters[i])
                        .append('=')
                        .append(
                                URLEncoder.encode(
                                        filters[i + 1].toString(), StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        next.append("limit=").append(size).append("&cursor=").append(slice.next());
        return new Page<>(slice.items(), slice.next().toString(), next.toString(), asOf);
    }

    private static String id(String value, String field) {
        return value == null ? null : Text.id(value, field);
    }

    /** A search text: one line of at most {@code maxLength} characters, not blank. */
    private static String text(String value, String field, int maxLength) {
        return value == null ? null : Text.required(value, field, maxLength);
    }
}
