package org.collabledger.api.security;

import static org.collabledger.api.security.AccessRules.ArtistLimit.ARTIST_IN_BODY;
import static org.collabledger.api.security.AccessRules.ArtistLimit.ARTIST_IN_PATH;
import static org.collabledger.api.security.AccessRules.ArtistLimit.NONE;
import static org.collabledger.api.security.AccessRules.ArtistLimit.OWN_MONEY;
import static org.collabledger.api.security.AccessRules.ArtistLimit.OWN_MONEY_FILTERED;
import static org.collabledger.api.security.AccessRules.Role.ARTIST;
import static org.collabledger.api.security.AccessRules.Role.AUDITOR;
import static org.collabledger.api.security.AccessRules.Role.CURATOR;
import static org.collabledger.api.security.AccessRules.Role.FINANCE;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpMethod;

/**
 * Who may do what: one row per operation of the API, with the roles that may call it and how an
 * artist calling it is held to the artists it registered. {@link SecurityConfiguration} builds its
 * request rules from these rows alone (anything else under {@code /api} is refused), and {@code
 * AccessTest} fails the build for an operation of the served API document without a row, then
 * checks each row as every kind of caller.
 */
public final class AccessRules {

    private AccessRules() {}

    /** The roles of the ledger, as the spec's table of users gives them. */
    public enum Role {
        ARTIST,
        CURATOR,
        FINANCE,
        AUDITOR
    }

    /**
     * How an operation holds a principal that may call it only through its artist role to the
     * artists it registered (the catalog keeps who registered each). Another role allowed on the
     * row lifts the limit.
     */
    public enum ArtistLimit {
        /** Not at all: the operation names no artist whose acts or money are at stake. */
        NONE,
        /**
         * The {@code {artistId}} of the path must be one of its artists: 403 {@code
         * not-your-artist}, before the body is read.
         */
        ARTIST_IN_PATH,
        /**
         * The artist the body names (as creator, commenter, or through a record's creator) must be
         * one of its artists.
         */
        ARTIST_IN_BODY,
        /**
         * Money of another artist is refused, 403 {@code not-your-artist}, as {@link
         * MoneyVisibility} says.
         */
        OWN_MONEY,
        /** The answer leaves out the money of other artists, as {@link MoneyVisibility} says. */
        OWN_MONEY_FILTERED
    }

    /**
     * One operation: the method and path template as the API document names them, its roles and its
     * artist limit.
     */
    public record Rule(HttpMethod method, String path, Set<Role> roles, ArtistLimit artistLimit) {

        /**
         * Whether a principal with {@code held} roles may call this only as an artist, so the limit
         * applies to it.
         */
        public boolean limitsArtist(Set<String> held) {
            return roles.stream().noneMatch(role -> role != ARTIST && held.contains(role.name()));
        }
    }

    private static final Set<Role> SIGNED_IN = EnumSet.allOf(Role.class);

    /**
     * Paths open to anyone: the API document and its UI, the error page, and the static pages (GET
     * only).
     */
    public static final List<String> OPEN =
            List.of("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error");

    public static final List<String> OPEN_PAGES =
            List.of("/", "/index.html", "/ui/**", "/favicon.ico");

    /** Every operation under {@code /api}. */
    public static final List<Rule> API =
            List.of(
                    get("/api/me", SIGNED_IN, NONE),
                    get("/api/events", SIGNED_IN, OWN_MONEY_FILTERED),
                    get("/api/{kind}/{id}/events", SIGNED_IN, OWN_MONEY_FILTERED),
                    get("/api/artists", SIGNED_IN, NONE),
                    post("/api/artists", EnumSet.of(ARTIST, CURATOR), NONE),
                    get("/api/artists/{artistId}", SIGNED_IN, NONE),
                    put(
                            "/api/artists/{artistId}/profile",
                            EnumSet.of(ARTIST, CURATOR),
                            ARTIST_IN_PATH),
                    get(
                            "/api/artists/{artistId}/personal-data",
                            EnumSet.of(ARTIST, FINANCE),
                            ARTIST_IN_PATH),
                    put(
                            "/api/artists/{artistId}/personal-data",
                            EnumSet.of(ARTIST, FINANCE),
                            ARTIST_IN_PATH),
                    post(
                            "/api/artists/{artistId}/forget",
                            EnumSet.of(ARTIST, FINANCE),
                            ARTIST_IN_PATH),
                    get(
                            "/api/artists/{artistId}/balance",
                            EnumSet.of(ARTIST, FINANCE, AUDITOR),
                            ARTIST_IN_PATH),
                    get(
                            "/api/artists/{artistId}/statements",
                            EnumSet.of(ARTIST, FINANCE, AUDITOR),
                            ARTIST_IN_PATH),
                    get(
                            "/api/artists/{artistId}/statements.csv",
                            EnumSet.of(ARTIST, FINANCE, AUDITOR),
                            ARTIST_IN_PATH),
                    post("/api/artists/{artistId}/adjustments", EnumSet.of(FINANCE), NONE),
                    get("/api/records", SIGNED_IN, NONE),
                    post("/api/records", EnumSet.of(ARTIST, CURATOR), ARTIST_IN_BODY),
                    get("/api/records/{recordId}", SIGNED_IN, NONE),
                    get("/api/records/{recordId}/lineage", SIGNED_IN, NONE),
                    get("/api/records/{recordId}/family", SIGNED_IN, NONE),
                    get("/api/records/{recordId}/family.svg", SIGNED_IN, NONE),
                    get("/api/records/{recordId}/paths", SIGNED_IN, NONE),
                    get("/api/records/{recordId}/roots", SIGNED_IN, NONE),
                    post("/api/records/{recordId}/takedown", EnumSet.of(CURATOR), NONE),
                    post("/api/records/{recordId}/citation-corrections", EnumSet.of(CURATOR), NONE),
                    get("/api/collaborations", SIGNED_IN, NONE),
                    post("/api/collaborations", EnumSet.of(CURATOR), NONE),
                    get("/api/collaborations/{collaborationId}", SIGNED_IN, NONE),
                    post("/api/collaborations/{collaborationId}/close", EnumSet.of(CURATOR), NONE),
                    post(
                            "/api/collaborations/{collaborationId}/submissions",
                            EnumSet.of(ARTIST, CURATOR),
                            ARTIST_IN_BODY),
                    get("/api/releases", SIGNED_IN, NONE),
                    post("/api/releases", EnumSet.of(CURATOR), NONE),
                    get("/api/releases/{releaseId}", SIGNED_IN, NONE),
                    get("/api/releases/{releaseId}/attribution", SIGNED_IN, NONE),
                    get("/api/releases/{releaseId}/manifest", SIGNED_IN, NONE),
                    get("/api/releases/{releaseId}/manifest.csv", SIGNED_IN, NONE),
                    post("/api/releases/{releaseId}/selections", EnumSet.of(CURATOR), NONE),
                    rule(
                            HttpMethod.DELETE,
                            "/api/releases/{releaseId}/selections/{recordId}",
                            EnumSet.of(CURATOR),
                            NONE),
                    post("/api/releases/{releaseId}/publish", EnumSet.of(CURATOR), NONE),
                    post("/api/releases/{releaseId}/revenue", EnumSet.of(FINANCE), NONE),
                    post("/api/releases/{releaseId}/costs", EnumSet.of(FINANCE), NONE),
                    post(
                            "/api/releases/{releaseId}/entries/{entryId}/reverse",
                            EnumSet.of(FINANCE),
                            NONE),
                    get("/api/releases/{releaseId}/allocations", SIGNED_IN, OWN_MONEY_FILTERED),
                    post("/api/releases/{releaseId}/allocations", EnumSet.of(CURATOR), NONE),
                    get("/api/allocations", SIGNED_IN, OWN_MONEY_FILTERED),
                    get("/api/allocations/{allocationId}", SIGNED_IN, OWN_MONEY),
                    post(
                            "/api/allocations/{allocationId}/comments",
                            EnumSet.of(ARTIST),
                            ARTIST_IN_BODY),
                    post("/api/allocations/{allocationId}/revise", EnumSet.of(CURATOR), NONE),
                    post(
                            "/api/allocations/{allocationId}/finalize",
                            EnumSet.of(CURATOR, FINANCE),
                            NONE),
                    get("/api/payout-runs", SIGNED_IN, OWN_MONEY_FILTERED),
                    post("/api/payout-runs", EnumSet.of(FINANCE), NONE),
                    get("/api/payout-runs/{runId}", SIGNED_IN, OWN_MONEY_FILTERED),
                    get("/api/payments", SIGNED_IN, OWN_MONEY_FILTERED),
                    get("/api/payments/{paymentId}", SIGNED_IN, OWN_MONEY),
                    post("/api/payments/{paymentId}/settle", EnumSet.of(FINANCE), NONE),
                    post("/api/payments/{paymentId}/fail", EnumSet.of(FINANCE), NONE),
                    post("/api/payments/{paymentId}/reverse", EnumSet.of(FINANCE), NONE),
                    get("/api/ledger/checks", EnumSet.of(CURATOR, FINANCE, AUDITOR), NONE),
                    get("/api/ledger/digest", SIGNED_IN, NONE),
                    get("/api/ledger/digest/file", SIGNED_IN, NONE),
                    get("/api/ledger/proof", SIGNED_IN, OWN_MONEY),
                    post("/api/ledger/verify", EnumSet.of(AUDITOR), NONE));

    private static Rule get(String path, Set<Role> roles, ArtistLimit limit) {
        return rule(HttpMethod.GET, path, roles, limit);
    }

    private static Rule post(String path, Set<Role> roles, ArtistLimit limit) {
        return rule(HttpMethod.POST, path, roles, limit);
    }

    private static Rule put(String path, Set<Role> roles, ArtistLimit limit) {
        return rule(HttpMethod.PUT, path, roles, limit);
    }

    private static Rule rule(HttpMethod method, String path, Set<Role> roles, ArtistLimit limit) {
        return new Rule(method, path, Set.copyOf(roles), limit);
    }
}
