package org.collabledger.api.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.collabledger.api.history.EventFeed.StoredEvent;
import org.collabledger.api.security.AccessRules.Role;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Which money facts a reader sees. Curators, finance and auditors see them all. A principal whose
 * only role is artist sees money facts only about the artists it registered: their allocation
 * lines, comments, adjustments, payments, deferrals, balances and statements, and the pool of an
 * allocation in which one of them holds a line (a line is checked against its pool and exact share;
 * the statement shows both). It never sees another artist's line, comment, adjustment, payment or
 * deferral, nor a release's revenue, costs or reserved pools: the pool rate and the attribution of
 * a release are public, like its credits, so those would give away every contributor's line.
 * Lineage, attribution, manifests (shares, no amounts) and a release's funding terms are not money
 * facts.
 *
 * <p>{@link AccessRules} marks the operations this governs: {@code OWN_MONEY} refuses another
 * artist's money (403 {@code not-your-artist}), {@code OWN_MONEY_FILTERED} answers without it. A
 * stored event that carries other artists' money beside its own (a proposal, a credit) is left out
 * of the histories it reads; its own part is in its statement and allocation views, and its proof
 * comes without the event's bytes.
 */
@Component
public class MoneyVisibility {

    /** Where a money event names the artists whose money it is. */
    private enum Owners {
        ARTIST_ID,
        LINES,
        NONE_BUT_THE_RELEASE
    }

    /** Every stored event type that carries money; any other type is not a money fact. */
    static final Map<String, Owners> MONEY_EVENTS =
            Map.ofEntries(
                    Map.entry("allocation.proposed", Owners.LINES),
                    Map.entry("allocation.revised", Owners.LINES),
                    Map.entry("allocation.finalized", Owners.LINES),
                    Map.entry("allocation.comment-filed", Owners.ARTIST_ID),
                    Map.entry("treasury.allocation-credited", Owners.LINES),
                    Map.entry("treasury.adjustment-recorded", Owners.ARTIST_ID),
                    Map.entry("treasury.payment-issued", Owners.ARTIST_ID),
                    Map.entry("treasury.payout-deferred", Owners.ARTIST_ID),
                    Map.entry("treasury.payment-settled", Owners.ARTIST_ID),
                    Map.entry("treasury.payment-failed", Owners.ARTIST_ID),
                    Map.entry("treasury.payment-reversed", Owners.ARTIST_ID),
                    Map.entry("release.entry-recorded", Owners.NONE_BUT_THE_RELEASE),
                    Map.entry("release.entry-reversed", Owners.NONE_BUT_THE_RELEASE),
                    Map.entry("release.pool-reserved", Owners.NONE_BUT_THE_RELEASE));

    /** How much of one stored event a reader sees. */
    public enum Sight {
        ALL,
        OWN_PART,
        NOTHING
    }

    private final ArtistAccess access;
    private final ObjectMapper json;

    public MoneyVisibility(ArtistAccess access, ObjectMapper json) {
        this.access = access;
        this.json = json;
    }

    /** The reader of the current request. */
    public Reader reader() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        Set<String> roles = ArtistAccess.rolesOf(authentication);
        boolean onlyArtist =
                List.of(Role.CURATOR, Role.FINANCE, Role.AUDITOR).stream()
                        .noneMatch(role -> roles.contains(role.name()));
        return new Reader(onlyArtist ? access.artistsOf(authentication.getName()) : null);
    }

    /** One reader: one who sees everything, or the artists an artist-only principal registered. */
    public final class Reader {

        private final Set<String> artists;

        private Reader(Set<String> artists) {
            this.artists = artists;
        }

        public boolean seesAll() {
            return artists == null;
        }

        /** The artists whose money this reader sees, or null when it sees everyone's. */
        public Set<String> artists() {
            return artists;
        }

        /** Whether this reader sees the money of {@code artistId}. */
        public boolean sees(String artistId) {
            return artists == null || artists.contains(artistId);
        }

        /**
         * Refuses (403 {@code not-your-artist}, naming {@code field}) money this reader may not
         * see.
         */
        public void require(boolean sees, String field) {
            if (!sees) {
                throw new Refusal(
                        ErrorCode.NOT_YOUR_ARTIST,
                        field,
                        "this is the money of an artist you did not register");
            }
        }

        /** The events this reader sees whole, in their order. */
        public List<StoredEvent> visible(List<StoredEvent> events) {
            return seesAll()
                    ? events
                    : events.stream()
                            .filter(event -> sight(event.type(), event.payload()) == Sight.ALL)
                            .toList();
        }

        /**
         * How much of a stored event of {@code type} with these stored payload bytes this reader
         * sees.
         */
        public Sight sight(String type, byte[] payload) {
            try {
                return seesAll() || !MONEY_EVENTS.containsKey(type)
                        ? Sight.ALL
                        : sight(type, json.readTree(payload));
            } catch (IOException unreadable) {
                throw new UncheckedIOException(
                        "a stored " + type + " is not readable JSON", unreadable);
            }
        }

        private Sight sight(String type, JsonNode payload) {
            Owners owners = MONEY_EVENTS.get(type);
            if (owners == null) {
                return Sight.ALL;
            }
            return switch (owners) {
                case ARTIST_ID ->
                        sees(payload.path("artistId").asText()) ? Sight.ALL : Sight.NOTHING;
                case NONE_BUT_THE_RELEASE -> Sight.NOTHING;
                case LINES -> {
                    int own = 0;
                    for (JsonNode line : payload.path("lines")) {
                        own += sees(line.path("artistId").asText()) ? 1 : 0;
                    }
                    yield own == payload.path("lines").size()
                            ? Sight.ALL
                            : own > 0 ? Sight.OWN_PART : Sight.NOTHING;
                }
            };
        }
    }
}
