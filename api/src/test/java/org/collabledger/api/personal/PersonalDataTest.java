package org.collabledger.api.personal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.collabledger.api.projections.Projections;
import org.collabledger.api.support.H2Ledger;
import org.collabledger.api.support.LedgerHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Personal data lives in the events only as ciphertext under a per-artist key kept outside the
 * event store; forgetting deletes the key, after which the data reads as erased while the history,
 * its digest and every rebuilt read model stay exactly as they were.
 */
class PersonalDataTest extends H2Ledger {

    @Autowired JdbcTemplate jdbc;

    private String mia;

    @BeforeEach
    void anArtist() {
        mia = scenario.artist("mia" + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void personalDataIsStoredEncryptedAndReadBackByTheArtistAndFinanceOnly() {
        assertThat(artist.put(path(), data()).status()).isEqualTo(200);

        String stored = feed.ofAggregate(mia, "Artist", Long.MAX_VALUE).toString();
        assertThat(stored)
                .contains("artist.personal-data-changed")
                .doesNotContain("Liddell")
                .doesNotContain("mia@example.org")
                .doesNotContain("DE89");
        for (LedgerHttp reader : List.of(artist, finance)) {
            JsonNode read = reader.get(path()).json();
            assertThat(read.path("status").asText()).isEqualTo("on-file");
            assertThat(read.path("legalName").asText()).isEqualTo("Mia Liddell");
            assertThat(read.path("taxCountry").asText()).isEqualTo("DE");
        }
        for (LedgerHttp other : List.of(curator, auditor, artist.as("artist2"))) {
            assertThat(other.get(path()).status()).isEqualTo(403);
        }
        assertThat(auditor.get("/api/artists/" + mia).json().path("personalDataOnFile").asBoolean())
                .isTrue();
    }

    @Test
    void badPersonalDataIsRefusedByFieldAndStoresNothing() {
        long before = feed.count();
        refused(with("email", "not-an-address"), 422, "email");
        refused(with("taxCountry", "XX"), 422, "taxCountry");
        refused(with("legalName", "Mia\u0000Liddell"), 422, "legalName");
        refused(with("payoutDetails", "x".repeat(501)), 422, "payoutDetails");
        Map<String, Object> missing = data();
        missing.remove("email");
        refused(missing, 400, "email");
        assertThat(feed.count()).isEqualTo(before);
        assertThat(
                        jdbc.queryForObject(
                                "select count(*) from artist_key where artist_id = ?",
                                Long.class,
                                mia))
                .isZero();
    }

    @Test
    void aChangeMadeAgainstAStaleVersionIsRefusedWith412() {
        LedgerHttp.Response read = auditor.get("/api/artists/" + mia);
        String etag = read.header("ETag");
        assertThat(etag).isEqualTo("\"0\"");
        assertThat(artist.withHeader("If-Match", etag).put(path(), data()).status()).isEqualTo(200);

        long before = feed.count();
        LedgerHttp.Response stale =
                artist.withHeader("If-Match", etag)
                        .put("/api/artists/" + mia + "/profile", Map.of("displayName", "Mia L."));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.json().path("field").asText()).isEqualTo("If-Match");
        LedgerHttp.Response notATag =
                artist.withHeader("If-Match", "yesterday")
                        .put("/api/artists/" + mia + "/profile", Map.of("displayName", "Mia L."));
        assertThat(notATag.status()).isEqualTo(422);
        assertThat(notATag.json().path("field").asText()).isEqualTo("If-Match");
        assertThat(feed.count()).isEqualTo(before);

        String now = auditor.get("/api/artists/" + mia).header("ETag");
        assertThat(
                        artist.withHeader("If-Match", now)
                                .put(
                                        "/api/artists/" + mia + "/profile",
                                        Map.of("displayName", "Mia L."))
                                .status())
                .isEqualTo(200);
    }

    @Test
    void forgettingErasesThePersonalDataAndLeavesHistoryAndReadModelsAsTheyWere() {
        assertThat(artist.put(path(), data()).status()).isEqualTo(200);
        caughtUp();
        String digest = sealedDigestFile();
        JsonNode before = auditor.get("/api/events?after=0&limit=1000").json();

        assertThat(
                        artist.as("artist2")
                                .post("/api/artists/" + mia + "/forget", Map.of("reason", "spite"))
                                .status())
                .isEqualTo(403);
        LedgerHttp.Response forgotten =
                artist.post(
                        "/api/artists/" + mia + "/forget",
                        Map.of("reason", "asked to be forgotten"));
        assertThat(forgotten.status()).as(forgotten.toString()).isEqualTo(200);

        JsonNode erased = finance.get(path()).json();
        assertThat(erased.path("status").asText()).isEqualTo("erased");
        assertThat(erased.hasNonNull("legalName")).isFalse();
        assertThat(erased.hasNonNull("email")).isFalse();
        assertThat(
                        jdbc.queryForObject(
                                "select count(*) from artist_key where artist_id = ?",
                                Long.class,
                                mia))
                .isZero();
        // The history before the forgetting is untouched: same events, and it verifies against the
        // digest.
        JsonNode after = auditor.get("/api/events?after=0&limit=1000").json();
        assertThat(after.path("events").size()).isEqualTo(before.path("events").size() + 1);
        for (int i = 0; i < before.path("events").size(); i++) {
            assertThat(after.path("events").get(i)).isEqualTo(before.path("events").get(i));
        }
        JsonNode report = auditor.postRaw("/api/ledger/verify", digest, "text/plain").json();
        assertThat(report.path("clean").asBoolean()).as(report.toString()).isTrue();
        // Read models rebuild from the events with the key gone.
        for (String name : Projections.READ_MODELS) {
            projections.rebuild(name);
        }
        caughtUp();
        JsonNode profile = auditor.get("/api/artists/" + mia).json();
        assertThat(profile.path("forgotten").asBoolean()).isTrue();
        assertThat(profile.path("personalDataOnFile").asBoolean()).isFalse();

        LedgerHttp.Response again = artist.put(path(), data());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asText()).isEqualTo("artist-forgotten");
        assertThat(
                        jdbc.queryForObject(
                                "select count(*) from artist_key where artist_id = ?",
                                Long.class,
                                mia))
                .as("no key is kept for a forgotten artist")
                .isZero();
        assertThat(
                        artist.post("/api/artists/" + mia + "/forget", Map.of("reason", "again"))
                                .status())
                .isEqualTo(409);

        String nobody = UUID.randomUUID().toString();
        assertThat(finance.put("/api/artists/" + nobody + "/personal-data", data()).status())
                .isEqualTo(404);
        assertThat(
                        jdbc.queryForObject(
                                "select count(*) from artist_key where artist_id = ?",
                                Long.class,
                                nobody))
                .as("a refused change leaves no key")
                .isZero();
    }

    @Test
    void aRefusedForgettingKeepsThePersonalDataAndTheKey() {
        assertThat(artist.put(path(), data()).status()).isEqualTo(200);
        byte[] key =
                jdbc.queryForObject(
                        "select secret from artist_key where artist_id = ?", byte[].class, mia);
        long before = feed.count();

        for (String reason : List.of("", "   ", "x".repeat(501), "spite\u0000")) {
            LedgerHttp.Response refused =
                    artist.post("/api/artists/" + mia + "/forget", Map.of("reason", reason));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("field").asText()).isEqualTo("reason");
        }

        assertThat(feed.count()).isEqualTo(before);
        assertThat(
                        jdbc.queryForObject(
                                "select secret from artist_key where artist_id = ?",
                                byte[].class,
                                mia))
                .as("the key of an artist whose forgetting was refused")
                .isEqualTo(key);
        JsonNode read = artist.get(path()).json();
        assertThat(read.path("status").asText()).isEqualTo("on-file");
        assertThat(read.path("payoutDetails").asText())
                .isEqualTo("IBAN DE89 3704 0044 0532 0130 00");
        assertThat(auditor.get("/api/artists/" + mia).json().path("forgotten").asBoolean())
                .isFalse();
    }

    private String path() {
        return "/api/artists/" + mia + "/personal-data";
    }

    private static Map<String, Object> data() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("legalName", "Mia Liddell");
        data.put("email", "mia@example.org");
        data.put("payoutDetails", "IBAN DE89 3704 0044 0532 0130 00");
        data.put("taxCountry", "DE");
        return data;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> data = data();
        data.put(field, value);
        return data;
    }

    private void refused(Map<String, Object> body, int status, String field) {
        LedgerHttp.Response response = artist.put(path(), body);
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("field").asText()).isEqualTo(field);
    }
}
