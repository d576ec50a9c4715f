package org.collabledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint refuses every role the spec does not give it (403) and nobody (401), and an artist
 * acts only as, and reads only the money of, the artists it registered. No refusal stores an event.
 */
class AccessTest extends H2Ledger {

    private static final List<String> ROLES = List.of("artist", "curator", "finance", "auditor");
    private static final String X = UUID.randomUUID().toString();

    /** One endpoint and the roles that may call it. */
    record Call(String method, String path, Set<String> allowed) {
    }

    /** Every write, by the roles allowed to make it; reads are open to every signed-in role. */
    private static final List<Call> WRITES = List.of(
            new Call("POST", "/api/artists", Set.of("artist", "curator")),
            new Call("PUT", "/api/artists/" + X + "/profile", Set.of("artist", "curator")),
            new Call("PUT", "/api/artists/" + X + "/personal-data", Set.of("artist", "finance")),
            new Call("POST", "/api/artists/" + X + "/forget", Set.of("artist", "finance")),
            new Call("POST", "/api/artists/" + X + "/adjustments", Set.of("finance")),
            new Call("POST", "/api/records", Set.of("artist", "curator")),
            new Call("POST", "/api/records/" + X + "/takedown", Set.of("curator")),
            new Call("POST", "/api/records/" + X + "/citation-corrections", Set.of("curator")),
            new Call("POST", "/api/collaborations", Set.of("curator")),
            new Call("POST", "/api/collaborations/" + X + "/close", Set.of("curator")),
            new Call("POST", "/api/collaborations/" + X + "/submissions", Set.of("artist", "curator")),
            new Call("POST", "/api/releases", Set.of("curator")),
            new Call("POST", "/api/releases/" + X + "/selections", Set.of("curator")),
            new Call("DELETE", "/api/releases/" + X + "/selections/" + X, Set.of("curator")),
            new Call("POST", "/api/releases/" + X + "/publish", Set.of("curator")),
            new Call("POST", "/api/releases/" + X + "/revenue", Set.of("finance")),
            new Call("POST", "/api/releases/" + X + "/costs", Set.of("finance")),
            new Call("POST", "/api/releases/" + X + "/entries/" + X + "/reverse", Set.of("finance")),
            new Call("POST", "/api/releases/" + X + "/allocations", Set.of("curator")),
            new Call("POST", "/api/allocations/" + X + "/revise", Set.of("curator")),
            new Call("POST", "/api/allocations/" + X + "/finalize", Set.of("curator", "finance")),
            new Call("POST", "/api/allocations/" + X + "/comments", Set.of("artist")),
            new Call("POST", "/api/payout-runs", Set.of("finance")),
            new Call("POST", "/api/payments/" + X + "/settle", Set.of("finance")),
            new Call("POST", "/api/payments/" + X + "/fail", Set.of("finance")),
            new Call("POST", "/api/payments/" + X + "/reverse", Set.of("finance")),
            new Call("POST", "/api/ledger/verify", Set.of("auditor")));

    /** Every read, for the check that nobody gets in unsigned. */
    private static final List<String> READS = List.of("/api/events", "/api/artists/" + X, "/api/artists/" + X
                    + "/events", "/api/artists/" + X + "/balance", "/api/artists/" + X + "/statements?currency=USD",
            "/api/artists/" + X + "/statements.csv?currency=USD", "/api/artists/" + X + "/personal-data",
            "/api/records/" + X + "/lineage", "/api/records/" + X + "/family", "/api/records/" + X + "/family.svg",
            "/api/records/" + X + "/paths?to=" + X, "/api/records/" + X + "/roots", "/api/collaborations/" + X,
            "/api/releases/" + X, "/api/releases/" + X + "/attribution", "/api/releases/" + X + "/manifest",
            "/api/releases/" + X + "/manifest.csv", "/api/allocations/" + X, "/api/payout-runs/" + X,
            "/api/payments/" + X, "/api/ledger/checks", "/api/ledger/digest", "/api/ledger/digest/file",
            "/api/ledger/proof?eventId=" + X);

    private String own;
    private String ownRecord;
    private LedgerHttp artist2;

    @BeforeEach
    void twoArtistsOfTwoPrincipals() {
        own = scenario.artist("own" + UUID.randomUUID().toString().substring(0, 8));
        ownRecord = scenario.upload(own, "mine");
        artist2 = artist.as("artist2");
    }

    @Test
    void everyWriteRefusesEveryOtherRoleAndNobody() {
        long before = feed.count();
        for (Call call : WRITES) {
            for (String role : ROLES) {
                if (!call.allowed().contains(role)) {
                    assertThat(send(artist.as(role), call).status()).as(role + " " + call).isEqualTo(403);
                }
            }
            assertThat(send(artist.as(null), call).status()).as("nobody " + call).isEqualTo(401);
        }
        for (String read : READS) {
            LedgerHttp.Response unsigned = artist.as(null).get(read);
            assertThat(unsigned.status()).as("nobody GET " + read).isEqualTo(401);
            assertThat(unsigned.contentType()).startsWith("application/problem+json");
        }
        assertThat(feed.count()).isEqualTo(before);
    }

    @Test
    void anArtistActsOnlyAsTheArtistsItRegistered() {
        long before = feed.count();
        notYours(artist2.post("/api/records", Scenario.uploadBody(own, "not mine", List.of())), "creatorId");
        notYours(artist2.put("/api/artists/" + own + "/profile", Map.of("displayName", "Stolen")), "artistId");
        notYours(artist2.post("/api/collaborations/" + X + "/submissions", Map.of("recordId", ownRecord)),
                "recordId");
        notYours(artist2.post("/api/allocations/" + X + "/comments", Map.of("artistId", own, "claim", "OMITTED",
                "text", "pay me")), "artistId");
        notYours(artist2.put("/api/artists/" + own + "/personal-data", Map.of("legalName", "Eve", "email",
                "eve@example.org", "payoutDetails", "IBAN DE00", "taxCountry", "DE")), "artistId");
        notYours(artist2.post("/api/artists/" + own + "/forget", Map.of("reason", "spite")), "artistId");
        assertThat(feed.count()).isEqualTo(before);

        assertThat(artist.put("/api/artists/" + own + "/profile", Map.of("displayName", "Mine")).status())
                .isEqualTo(200);
        assertThat(curator.put("/api/artists/" + own + "/profile", Map.of("displayName", "Curated")).status())
                .isEqualTo(200);
    }

    @Test
    void moneyIsReadByTheArtistItselfFinanceAndAuditorsOnly() {
        for (String path : List.of("/balance", "/statements?currency=USD", "/statements.csv?currency=USD")) {
            notYours(artist2.get("/api/artists/" + own + path), "artistId");
            assertThat(curator.get("/api/artists/" + own + path).json().path("code").asText()).isEqualTo("forbidden");
            for (LedgerHttp reader : List.of(artist, finance, auditor)) {
                assertThat(reader.get("/api/artists/" + own + path).status()).as(path).isEqualTo(200);
            }
        }
    }

    private static void notYours(LedgerHttp.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("code").asText()).isEqualTo("not-your-artist");
        assertThat(response.json().path("field").asText()).isEqualTo(field);
    }

    private static LedgerHttp.Response send(LedgerHttp client, Call call) {
        return switch (call.method()) {
            case "POST" -> client.post(call.path(), Map.of());
            case "PUT" -> client.put(call.path(), Map.of());
            case "DELETE" -> client.delete(call.path());
            default -> throw new IllegalArgumentException(call.method());
        };
    }
}
