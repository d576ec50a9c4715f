package org.collabledger.api.security;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.collabledger.api.security.AccessRules.Role;
import org.collabledger.domain.shared.ErrorCode;
import org.collabledger.domain.shared.Refusal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may act as one artist. A principal whose only role is artist acts only as the artists it
 * registered itself (the catalog keeps who registered each); curators and finance act for any
 * artist where their role allows the action at all. {@link AccessRules} says which operations hold
 * an artist so.
 */
@Component
public class ArtistAccess {

    private final JdbcTemplate jdbc;

    public ArtistAccess(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Refuses (403) an artist-only principal naming in {@code field} an artist it did not register.
     */
    public void requireActsAs(String artistId, String field) {
        Set<String> roles = roles();
        if (roles.contains(Role.CURATOR.name()) || roles.contains(Role.FINANCE.name())) {
            return;
        }
        requireOwner(artistId, field, "you may act only as an artist you registered");
    }

    /**
     * Refuses (403) reading or changing personal data unless finance or the artist's own principal.
     */
    public void requireMayHandlePersonalDataOf(String artistId) {
        Set<String> roles = roles();
        if (roles.contains(Role.FINANCE.name())) {
            return;
        }
        if (!roles.contains(Role.ARTIST.name())) {
            throw new Refusal(
                    ErrorCode.NOT_YOUR_ARTIST,
                    "artistId",
                    "personal data is for the artist themselves and finance");
        }
        requireOwner(
                artistId,
                "artistId",
                "you may see only the personal data of an artist you registered");
    }

    /**
     * Refuses (403) an artist-only principal submitting a record that is not by one of its artists.
     */
    public void requireActsAsCreatorOf(String recordId, String field) {
        List<String> creators =
                jdbc.queryForList(
                        "select creator_id from catalog_record where record_id = ?",
                        String.class,
                        recordId);
        if (!creators.isEmpty()) {
            requireActsAs(creators.get(0), field);
        }
    }

    private void requireOwner(String artistId, String field, String message) {
        if (!actsFor(principal(), artistId)) {
            throw new Refusal(ErrorCode.NOT_YOUR_ARTIST, field, message);
        }
    }

    /**
     * Whether {@code principal} registered the artist. An unknown artist passes here: the command
     * or query refuses it with its own, clearer reason.
     */
    boolean actsFor(String principal, String artistId) {
        List<String> owners =
                jdbc.queryForList(
                        "select owner from catalog_artist where artist_id = ?",
                        String.class,
                        artistId);
        return owners.isEmpty() || principal.equals(owners.get(0));
    }

    /** The artists {@code principal} registered. */
    Set<String> artistsOf(String principal) {
        return Set.copyOf(
                jdbc.queryForList(
                        "select artist_id from catalog_artist where owner = ?",
                        String.class,
                        principal));
    }

    private static Set<String> roles() {
        return rolesOf(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The ledger roles of a principal ({@code ARTIST}, …), from its {@code ROLE_} authorities. */
    static Set<String> rolesOf(Authentication authentication) {
        return authentication == null
                ? Set.of()
                : authentication.getAuthorities().stream()
                        .map(GrantedAuthority::getAuthority)
                        .filter(authority -> authority.startsWith("ROLE_"))
                        .map(authority -> authority.substring("ROLE_".length()))
                        .collect(Collectors.toSet());
    }

    private static String principal() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "" : authentication.getName();
    }
}
