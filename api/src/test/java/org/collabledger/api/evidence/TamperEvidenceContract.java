package org.collabledger.api.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.collabledger.api.support.LedgerHttp;
import org.collabledger.api.support.Scenario;
import org.collabledger.domain.evidence.Digest;
import org.collabledger.domain.evidence.InclusionProof;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tamper evidence against a real database: a digest is taken through HTTP, the store is changed
 * directly in SQL, and the verifier must name the first changed position and how it changed. Each
 * test puts the rows back afterwards, so the next starts from the same untouched ledger.
 */
// Closed after the class, while the shared PostgreSQL server runs and before the next class starts:
// a context
// left for the JVM's exit keeps its processors polling, and at exit closes alongside the server's
// shutdown.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TamperEvidenceContract {

    private static final HexFormat HEX = HexFormat.of();

    @LocalServerPort int port;

    @Autowired JdbcTemplate jdbc;

    @Autowired DataSource dataSource;

    @Autowired LedgerSeal seal;

    @Autowired PlatformTransactionManager transactions;

    private LedgerHttp auditor;
    private long gap;
    private List<Map<String, Object>> saved = List.of();

    /**
     * Over 300 events, so the ledger spans two blocks, with one empty position among them (as a
     * store keeps from before events were numbered after commit, when a rolled-back append left its
     * position empty).
     */
    @BeforeAll
    void ledgerWithTwoBlocksAndAGap() {
        auditor = LedgerHttp.on(port, "auditor");
        Scenario scenario = new Scenario(port);
        for (int i = 0; i < 150; i++) {
            scenario.artist("early" + i);
        }
        skipAPosition();
        String creator = scenario.artist("late");
        for (int i = 0; i < 150; i++) {
            scenario.upload(creator, "track " + i);
        }
        seal.sealAvailable();
        gap =
                jdbc.queryForObject(
                        "select min(global_index) + 1 from domain_event_entry d where not exists "
                                + "(select 1 from domain_event_entry n where n.global_index = d.global_index + 1)",
                        Long.class);
        assertThat(gap).isLessThan(position(-1));
        assertThat(seal.position()).isEqualTo(position(-1));
    }

    @AfterEach
    void putTheRowsBack() {
        if (!saved.isEmpty()) {
            restore(saved);
            saved = List.of();
        }
        jdbc.update("delete from domain_event_entry where event_identifier = 'forged'");
        assertThat(verify(digestFile()).path("clean").asBoolean()).isTrue();
    }

    @Test
    void anUntouchedStoreVerifiesCleanAgainstTheFileAndTheJsonDigest() {
        String file = digestFile();
        JsonNode report = verify(file);
        assertThat(report.path("clean").asBoolean()).as(report.toString()).isTrue();
        assertThat(report.path("eventsChecked").asLong())
                .isEqualTo(count(Digest.parse(file).position()));
        assertThat(report.has("firstDifference")).isFalse();

        JsonNode digest = auditor.get("/api/ledger/digest").json();
        LedgerHttp.Response json =
                auditor.post(
                        "/api/ledger/verify",
                        Map.of(
                                "treeSize",
                                digest.path("treeSize"),
                                "position",
                                digest.path("position"),
                                "root",
                                digest.path("root")));
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.json().path("clean").asBoolean()).as(json.toString()).isTrue();
    }

    @Test
    void oneChangedPayloadByteIsReportedAtItsPosition() {
        long target = position(200);
        String file = digestFile();
        save(target);
        byte[] payload =
                jdbc.queryForObject(
                        "select payload from domain_event_entry where global_index = ?",
                        byte[].class,
                        target);
        payload[payload.length / 2] ^= 1;
        jdbc.update(
                "update domain_event_entry set payload = ? where global_index = ?",
                payload,
                target);

        assertDifference(verify(file), "ALTERED", target);
    }

    @Test
    void aChangedMetadataFieldIsReportedAtItsPosition() {
        long target = position(30);
        String file = digestFile();
        save(target);
        byte[] metadata =
                jdbc.queryForObject(
                        "select meta_data from domain_event_entry where global_index = ?",
                        byte[].class,
                        target);
        String forged =
                new String(metadata, java.nio.charset.StandardCharsets.UTF_8)
                        .replace("artist", "curator");
        jdbc.update(
                "update domain_event_entry set meta_data = ? where global_index = ?",
                forged.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                target);

        assertDifference(verify(file), "ALTERED", target);
    }

    @Test
    void aDeletedEventIsReportedAsRemovedAtItsPosition() {
        long target = position(270);
        String file = digestFile();
        save(target);
        jdbc.update("delete from domain_event_entry where global_index = ?", target);

        assertDifference(verify(file), "REMOVED", target);
    }

    @Test
    void aForgedEventInAnEmptyPositionIsReportedAsInserted() {
        String file = digestFile();
        jdbc.update(
                "insert into domain_event_entry (global_index, event_identifier, aggregate_identifier, "
                        + "sequence_number, type, time_stamp, payload_type, payload, meta_data) select ?, 'forged', "
                        + "aggregate_identifier, 99, type, time_stamp, payload_type, payload, meta_data "
                        + "from domain_event_entry where global_index = ?",
                gap,
                gap - 1);

        assertDifference(verify(file), "INSERTED", gap);
    }

    @Test
    void twoSwappedEventsAreReportedAtTheFirst() {
        long first = position(100);
        long second = position(101);
        String file = digestFile();
        save(first, second);
        jdbc.update(
                "update domain_event_entry set global_index = ? where global_index = ?",
                -first,
                first);
        jdbc.update(
                "update domain_event_entry set global_index = ? where global_index = ?",
                first,
                second);
        jdbc.update(
                "update domain_event_entry set global_index = ? where global_index = ?",
                second,
                -first);

        JsonNode report = assertDifference(verify(file), "REORDERED", first);
        assertThat(report.path("firstDifference").path("detail").asText())
                .contains("now sits at position " + second);
    }

    @Test
    void whenTheSealIsRewrittenTooTheFirstDifferingBlockIsNamed() {
        long target = position(280);
        String file = digestFile();
        save(target);
        jdbc.update(
                "update domain_event_entry set time_stamp = '2020-01-01T00:00:00Z' where global_index = ?",
                target);
        resealFromScratch();

        JsonNode difference = verify(file).path("firstDifference");
        assertThat(difference.path("kind").asText())
                .as(difference.toString())
                .isEqualTo("BLOCK_DIFFERS");
        assertThat(difference.path("position").asLong()).isLessThanOrEqualTo(target);
        assertThat(difference.path("throughPosition").asLong()).isGreaterThanOrEqualTo(target);
        restore(saved);
        saved = List.of();
        resealFromScratch();
    }

    @Test
    void aDigestThatCoversTheWholeStoreButNamesAFalsePositionIsNotClean() {
        seal.sealAvailable();
        JsonNode digest = auditor.get("/api/ledger/digest").json();
        assertThat(digest.path("position").asLong()).isEqualTo(position(-1));

        JsonNode report =
                verifyJson(
                        digest.path("treeSize").asLong(),
                        Long.MAX_VALUE,
                        digest.path("root").asText(),
                        null);
        assertFieldDiffers(report, "position", position(-1));
    }

    @Test
    void aFalsePositionIsNamedWhereverItPoints() {
        String file = digestFileAt(gap - 1);
        for (long falsePosition : List.of(gap, position(-1), gap - 2, Long.MAX_VALUE)) {
            assertFieldDiffers(
                    verify(withLine(file, "position", falsePosition)), "position", gap - 1);
        }
    }

    @Test
    void aFalseTreeSizeIsNamed() {
        JsonNode digest = auditor.get("/api/ledger/digest?position=" + (gap - 1)).json();
        long treeSize = digest.path("treeSize").asLong();
        for (long falseSize : List.of(treeSize - 1, treeSize + 1)) {
            assertFieldDiffers(
                    verifyJson(falseSize, gap - 1, digest.path("root").asText(), null),
                    "treeSize",
                    gap - 1);
        }
    }

    @Test
    void aDigestTakenBeforeTheEventsItCoversIsNotClean() {
        String file = digestFileAt(gap - 1);
        assertFieldDiffers(
                verify(withLine(file, "taken-at", "2000-01-01T00:00:00Z")), "takenAt", null);

        JsonNode digest = auditor.get("/api/ledger/digest?position=" + (gap - 1)).json();
        assertFieldDiffers(
                verifyJson(
                        digest.path("treeSize").asLong(),
                        gap - 1,
                        digest.path("root").asText(),
                        "2000-01-01T00:00:00Z"),
                "takenAt",
                null);
        JsonNode taken =
                verifyJson(
                        digest.path("treeSize").asLong(),
                        gap - 1,
                        digest.path("root").asText(),
                        digest.path("takenAt").asText());
        assertThat(taken.path("clean").asBoolean()).as(taken.toString()).isTrue();

        // To the instant: taken as the last event was recorded is clean, a nanosecond before it is
        // not.
        java.time.Instant last =
                java.time.Instant.parse(
                        jdbc.queryForObject(
                                "select time_stamp from domain_event_entry where global_index = ?",
                                String.class,
                                gap - 1));
        JsonNode atLast =
                verifyJson(
                        digest.path("treeSize").asLong(),
                        gap - 1,
                        digest.path("root").asText(),
                        last.toString());
        assertThat(atLast.path("clean").asBoolean()).as(atLast.toString()).isTrue();
        assertFieldDiffers(
                verifyJson(
                        digest.path("treeSize").asLong(),
                        gap - 1,
                        digest.path("root").asText(),
                        last.minusNanos(1).toString()),
                "takenAt",
                gap - 1);
    }

    @Test
    void aFalseRootIsADifferenceOfTheEventsAndEveryOtherLineOfTheFileIsCheckedWhenRead() {
        JsonNode digest = auditor.get("/api/ledger/digest?position=" + (gap - 1)).json();
        String root = digest.path("root").asText();
        String otherRoot = (root.charAt(0) == '0' ? "1" : "0") + root.substring(1);
        JsonNode report = verifyJson(digest.path("treeSize").asLong(), gap - 1, otherRoot, null);
        assertThat(report.path("clean").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.path("firstDifference").has("field")).as(report.toString()).isFalse();

        String file = digestFileAt(gap - 1);
        String[] lines = file.split("\n");
        lines[8] = (lines[8].charAt(0) == '0' ? "1" : "0") + lines[8].substring(1);
        List<String> falsified =
                List.of(
                        withLine(file, "algorithm", "RFC6962-SHA1"),
                        withLine(file, "block-size", 512),
                        withLine(file, "blocks", 7),
                        withLine(file, "root", otherRoot),
                        String.join("\n", lines));
        for (String wrong : falsified) {
            LedgerHttp.Response refused =
                    auditor.postRaw("/api/ledger/verify", wrong, "text/plain");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.json().path("field").asText()).isEqualTo("digest");
        }
    }

    @Test
    void aProofVerifiesAgainstItsDigestAndFailsAgainstAnother() {
        String eventId =
                jdbc.queryForObject(
                        "select event_identifier from domain_event_entry where global_index = ?",
                        String.class,
                        position(123));
        Digest digest = Digest.parse(digestFile());
        JsonNode proof = auditor.get("/api/ledger/proof?eventId=" + eventId).json();
        InclusionProof inclusion = ProofJson.inclusion(proof);
        assertThat(inclusion.verifies(digest)).isTrue();
        assertThat(proof.path("entryMatchesLeaf").asBoolean()).isTrue();
        assertThat(HEX.formatHex(ProofJson.entry(proof).leafHash()))
                .isEqualTo(proof.path("leafHash").asText());

        Digest smaller =
                Digest.parse(
                        auditor.get("/api/ledger/digest/file?position=" + position(200))
                                .raw()
                                .body());
        assertThat(inclusion.verifies(smaller)).isFalse();
        InclusionProof forSmaller =
                ProofJson.inclusion(
                        auditor.get(
                                        "/api/ledger/proof?eventId="
                                                + eventId
                                                + "&treeSize="
                                                + smaller.treeSize())
                                .json());
        assertThat(forSmaller.verifies(smaller)).isTrue();
        assertThat(forSmaller.verifies(digest)).isFalse();
    }

    @Test
    void aSealReadBackFromItsTablesEqualsADigestComputedStraightFromTheEvents() {
        Digest sealed = freshSeal().current();
        Digest computed = StoreDigest.compute(dataSource, sealed.position(), sealed.takenAt());
        assertThat(sealed.treeSize()).isEqualTo(count(sealed.position()));
        assertThat(computed.toFile()).isEqualTo(sealed.toFile());
    }

    @Test
    void refusals() {
        LedgerHttp.Response unknown = auditor.get("/api/ledger/proof?eventId=no-such-event");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        JsonNode digest = auditor.get("/api/ledger/digest").json();
        for (Object takenAt : List.of("yesterday", 1_700_000_000)) {
            LedgerHttp.Response refused =
                    auditor.post(
                            "/api/ledger/verify",
                            Map.of(
                                    "treeSize",
                                    digest.path("treeSize").asLong(),
                                    "position",
                                    digest.path("position").asLong(),
                                    "root",
                                    digest.path("root").asText(),
                                    "takenAt",
                                    takenAt));
            assertThat(refused.status()).as(refused.toString()).isBetween(400, 422);
            assertThat(refused.json().path("field").asText()).isEqualTo("takenAt");
        }

        String eventId =
                jdbc.queryForObject(
                        "select event_identifier from domain_event_entry where global_index = ?",
                        String.class,
                        position(10));
        LedgerHttp.Response tooSmall =
                auditor.get("/api/ledger/proof?eventId=" + eventId + "&treeSize=1");
        assertThat(tooSmall.status()).isEqualTo(422);
        assertThat(tooSmall.json().path("field").asText()).isEqualTo("treeSize");

        String unsealed = new Scenario(port).artist("unsealed");
        LedgerHttp.Response notYet =
                auditor.get(
                        "/api/ledger/proof?eventId="
                                + jdbc.queryForObject(
                                        "select event_identifier from domain_event_entry where aggregate_identifier = ?",
                                        String.class,
                                        unsealed));
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.json().path("code").asText()).isEqualTo("not-sealed-yet");
        freshSeal().sealAvailable();

        LedgerHttp.Response future =
                auditor.get("/api/ledger/digest?position=" + (position(-1) + 1000));
        assertThat(future.status()).isEqualTo(409);
        assertThat(future.json().path("code").asText()).isEqualTo("not-sealed-yet");

        LedgerHttp.Response garbage =
                auditor.postRaw("/api/ledger/verify", "not a digest", "text/plain");
        assertThat(garbage.status()).isEqualTo(422);
        assertThat(garbage.json().path("field").asText()).isEqualTo("digest");
        LedgerHttp.Response badRoot =
                auditor.post(
                        "/api/ledger/verify", Map.of("treeSize", 1, "position", 1, "root", "xyz"));
        assertThat(badRoot.status()).isEqualTo(422);
        assertThat(badRoot.json().path("field").asText()).isEqualTo("root");

        for (String role : List.of("artist", "curator", "finance")) {
            assertThat(
                            auditor.as(role)
                                    .postRaw("/api/ledger/verify", digestFile(), "text/plain")
                                    .status())
                    .as(role)
                    .isEqualTo(403);
        }
        assertThat(auditor.as(null).get("/api/ledger/digest").status()).isEqualTo(401);
        assertThat(
                        auditor.as(null)
                                .postRaw("/api/ledger/verify", digestFile(), "text/plain")
                                .status())
                .isEqualTo(401);
    }

    // ---- helpers

    /** Leaves the next global position empty, as a rolled-back append did before the sequencer. */
    private void skipAPosition() {
        jdbc.update("update event_sequencer set last_position = last_position + 1 where id = 1");
    }

    private String digestFile() {
        LedgerHttp.Response file = auditor.get("/api/ledger/digest/file");
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        return file.raw().body();
    }

    private String digestFileAt(long position) {
        LedgerHttp.Response file = auditor.get("/api/ledger/digest/file?position=" + position);
        assertThat(file.status()).as(file.toString()).isEqualTo(200);
        return file.raw().body();
    }

    /** The digest file with the value of one header line replaced. */
    private static String withLine(String file, String key, Object value) {
        return file.replaceFirst("(?m)^" + key + ": .*$", key + ": " + value);
    }

    private JsonNode verifyJson(long treeSize, long position, String root, String takenAt) {
        Map<String, Object> body =
                new java.util.HashMap<>(
                        Map.of("treeSize", treeSize, "position", position, "root", root));
        if (takenAt != null) {
            body.put("takenAt", takenAt);
        }
        LedgerHttp.Response report = auditor.post("/api/ledger/verify", body);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        return report.json();
    }

    /** Not clean, for the digest's {@code field}, at {@code position} when given. */
    private static void assertFieldDiffers(JsonNode report, String field, Long position) {
        JsonNode difference = report.path("firstDifference");
        assertThat(report.path("clean").asBoolean()).as(report.toString()).isFalse();
        assertThat(difference.path("kind").asText())
                .as(report.toString())
                .isEqualTo("FIELD_DIFFERS");
        assertThat(difference.path("field").asText()).as(report.toString()).isEqualTo(field);
        if (position != null) {
            assertThat(difference.path("position").asLong())
                    .as(report.toString())
                    .isEqualTo(position);
        }
    }

    private JsonNode verify(String file) {
        LedgerHttp.Response report = auditor.postRaw("/api/ledger/verify", file, "text/plain");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        return report.json();
    }

    private static JsonNode assertDifference(JsonNode report, String kind, long position) {
        assertThat(report.path("clean").asBoolean()).as(report.toString()).isFalse();
        assertThat(report.path("firstDifference").path("kind").asText())
                .as(report.toString())
                .isEqualTo(kind);
        assertThat(report.path("firstDifference").path("position").asLong())
                .as(report.toString())
                .isEqualTo(position);
        return report;
    }

    /** The global position of the n-th stored event (0-based); -1 for the last. */
    private long position(int n) {
        List<Long> all =
                jdbc.queryForList(
                        "select global_index from domain_event_entry where global_index > 0 "
                                + "order by global_index",
                        Long.class);
        return n < 0 ? all.get(all.size() + n) : all.get(n);
    }

    private long count(long upTo) {
        return jdbc.queryForObject(
                "select count(*) from domain_event_entry where global_index <= ?",
                Long.class,
                upTo);
    }

    private void save(Long... positions) {
        saved = new ArrayList<>();
        for (long at : positions) {
            saved.addAll(
                    jdbc.queryForList(
                            "select * from domain_event_entry where global_index = ?", at));
        }
    }

    /**
     * Deletes whatever now sits at the saved rows' positions or ids, and writes the saved rows back
     * as they were.
     */
    private void restore(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            Map<String, Object> lower =
                    row.entrySet().stream()
                            .collect(
                                    Collectors.toMap(
                                            e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                                            Map.Entry::getValue));
            jdbc.update(
                    "delete from domain_event_entry where global_index = ? or event_identifier = ?",
                    lower.get("global_index"),
                    lower.get("event_identifier"));
        }
        for (Map<String, Object> row : rows) {
            List<String> columns = new ArrayList<>(row.keySet());
            jdbc.update(
                    "insert into domain_event_entry ("
                            + String.join(", ", columns)
                            + ") values ("
                            + String.join(", ", java.util.Collections.nCopies(columns.size(), "?"))
                            + ")",
                    columns.stream().map(row::get).toArray());
        }
    }

    /**
     * What an administrator who also rebuilt the seal would do: empty it and seal the (changed)
     * store again.
     */
    private void resealFromScratch() {
        jdbc.update("delete from ledger_seal_block");
        jdbc.update("update ledger_seal_state set tree_size = 0 where id = 1");
        freshSeal().sealAvailable();
    }

    /** A seal read back from the tables, as another node or a restart would. */
    private LedgerSeal freshSeal() {
        return new LedgerSeal(
                dataSource, new TransactionTemplate(transactions), java.time.Clock.systemUTC());
    }
}
